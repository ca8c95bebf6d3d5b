// The API docs page: Swagger UI over the app's own OpenAPI document (a file, as the
// Content-Security-Policy allows no inline script).
window.addEventListener("load", function () {
  SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
