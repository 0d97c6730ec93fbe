"""The OpenAPI schema: our token scheme, and the error answers every operation can give."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
#: Refused input: messages by field (``non_field_errors`` for the record as a whole, nested
#: for list items), or ``detail`` when the body is not JSON at all.
VALIDATION_ERROR = {
    "type": "object",
    "description": "Messages by field, or `detail` for a body that cannot be read.",
    "additionalProperties": True,
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )


def _json(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def add_error_responses(result: dict, generator, request, public) -> dict:
    """Document the answers DRF gives besides success, so that clients (and schemathesis)
    know every status an operation may return."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "401", _json("Not authenticated: no or an invalid token.", "Error")
            )
            responses.setdefault("403", _json("Not allowed for this user.", "Error"))
            has_input = "requestBody" in operation or operation.get("parameters")
            if has_input:
                responses.setdefault(
                    "400", _json("Invalid input: messages by field.", "ValidationError")
                )
            if "{" in path or any(p.get("name") == "page" for p in operation.get("parameters", [])):
                responses.setdefault("404", _json("No such record, or no such page.", "Error"))
            if method == "delete":
                responses.setdefault(
                    "409", _json("Other records refer to this one; it was kept.", "Error")
                )
    return result
