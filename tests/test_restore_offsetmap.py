"""The offset map carries reading spans back to the text as given."""

from crosswire.restore import OffsetMap


def test_offsetmap_identity_maps_spans_to_themselves():
    m = OffsetMap.identity(10)
    assert m.to_given(2, 7) == (2, 7) and m.to_given(0, 10) == (0, 10)


def test_offsetmap_from_origins_skips_dropped_characters():
    given = "a , b ( c )"
    origins = [0, 2, 3, 4, 5, 6, 8, 10]  # reading "a, b (c)"
    m = OffsetMap.from_origins(origins, len(given))
    assert "".join(given[g] for g in origins) == "a, b (c)"
    gs, ge = m.to_given(5, 8)  # "(c)"
    assert given[gs:ge] == "( c )"
    assert m.to_given(0, 2) == (0, 3)  # "a," covers "a ,"
    assert m.to_given(8, 8) == (11, 11)  # the end maps to the end


def test_offsetmap_runs_are_compact():
    m = OffsetMap.from_origins([0, 1, 2, 4, 5, 6], 7)
    assert m.to_json()["runs"] == [[0, 0, 3], [3, 4, 3]]


def test_offsetmap_json_round_trip():
    m = OffsetMap.from_origins([0, 2, 3, 7], 9)
    back = OffsetMap.from_json(m.to_json())
    assert back == m and back.to_given(1, 4) == (2, 8)


def test_offsetmap_empty():
    m = OffsetMap.identity(0)
    assert m.to_given(0, 0) == (0, 0)


def test_offsetmap_to_reading_inverts_to_given():
    given = "raqa , syria ( wire ) - fighters ."
    reading = "raqa, syria (wire) - fighters."
    origins, j = [], 0
    for ch in reading:
        while given[j] != ch:
            j += 1
        origins.append(j)
        j += 1
    om = OffsetMap.from_origins(origins, len(given))
    for start in range(len(reading)):
        for end in range(start + 1, len(reading) + 1):
            g = om.to_given(start, end)
            assert om.to_reading(*g) == (start, end)
    # a given span that starts in a dropped space begins at the next kept character
    assert reading[slice(*om.to_reading(4, 12))] == ", syria"
