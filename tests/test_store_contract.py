"""The store contract, run on SQLite and on PostgreSQL (``store_url`` is parametrized per backend)."""

from tests.store_contract import StoreContract


class TestStoreContract(StoreContract):
    pass
