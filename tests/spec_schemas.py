"""Validation against the published Mirakl seller spec (`<repo>/../shared/marketplace/`).

`errors(name, payload)` lists what breaks component schema `name` (JSON Schema 2020-12); by
default `null` is allowed wherever a type is given, as Mirakl sends it (see the spec's README),
`strict=True` keeps the spec's own rules (for what the app sends). `sent(...)` and `form(...)`
read back what a client sent to the simulator.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from counter_app.marketplace.simulator import SimulatorServer

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO.parent / "shared" / "marketplace" / "mirakl-seller-openapi.json"


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def _allow_null(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _allow_null(v) for k, v in node.items()}
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        return out
    if isinstance(node, list):
        return [_allow_null(v) for v in node]
    return node


@cache
def validator(schema_name: str, *, strict: bool = False) -> jsonschema.Draft202012Validator:
    document = spec() if strict else _allow_null(spec())
    registry = Registry().with_resource("urn:spec", Resource(document, specification=DRAFT202012))
    schema = {"$ref": f"urn:spec#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def errors(schema_name: str, payload: Any, *, strict: bool = False) -> list[str]:
    found = validator(schema_name, strict=strict).iter_errors(payload)
    return [f"{list(e.path)}: {e.message}" for e in sorted(found, key=lambda e: list(e.path))]


def sent(server: SimulatorServer, method: str, suffix: str) -> list[tuple[str, bytes]]:
    """(Content-Type, body) of every request received with this method and path ending."""
    return [(c, b) for m, p, c, b in server.received if m == method and p.endswith(suffix)]


def form(ctype: str, body: bytes) -> dict[str, bytes]:
    """A multipart/form-data body as part name -> content."""
    assert ctype.startswith("multipart/form-data"), ctype
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode() + body
    )
    return {
        str(p.get_param("name", header="content-disposition")): p.get_payload(decode=True)
        for p in message.iter_parts()
    }


def form_schema(path: str, method: str = "post") -> dict[str, Any]:
    """The multipart schema of a request body in the spec (its `required` parts)."""
    content = spec()["paths"][path][method]["requestBody"]["content"]
    return dict(content["multipart/form-data"]["schema"])
