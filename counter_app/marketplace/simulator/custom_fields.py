"""OR31 custom fields, checked as Mirakl checks them: against the AF01 definitions.

An unknown code, a field of another entity or a value of the wrong type is reported in
`order_update_errors` and nothing is changed; `null` deletes a value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from counter_app.marketplace.simulator.catalog import ADDITIONAL_FIELDS
from counter_app.marketplace.simulator.common import InvalidRequestError

MAX_STRING_FIELD = 2000


class CustomFields:
    """The operator's custom field definitions (as AF01 serves them) and OR31 updates."""

    def __init__(self) -> None:
        self.definitions: list[dict[str, Any]] = [
            {
                "code": code,
                "description": label,
                "editable": True,
                "entity": entity,
                "label": label,
                "required": False,
                "type": kind,
                **extra,
            }
            for code, label, kind, entity, extra in ADDITIONAL_FIELDS
        ]

    def field_definition(self, code: str) -> dict[str, Any] | None:
        for definition in self.definitions:
            if definition["code"] == code:
                return definition
        return None

    def update(
        self, order: dict[str, Any], payload: Any
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """OR31: set (or, with `null`, delete) order and order line custom fields.

        Returns `(order_update_result, order_update_errors)`: the values after the update,
        or the errors and the offending input (then nothing is changed, as Mirakl does).
        """
        if not isinstance(payload, dict):
            raise InvalidRequestError("the body must be a JSON object")
        order_fields = payload.get("order_additional_fields") or []
        line_updates = payload.get("order_lines") or []
        if not isinstance(order_fields, list) or not isinstance(line_updates, list):
            raise InvalidRequestError("order_additional_fields and order_lines are lists")
        errors: list[dict[str, Any]] = []
        bad_fields: list[Any] = []
        bad_lines: list[Any] = []
        order_changes = self._checked_fields(order_fields, "ORDER", errors, bad_fields)
        lines = {line["order_line_id"]: line for line in order["order_lines"]}
        line_changes: dict[str, dict[str, Any]] = {}
        for update in line_updates:
            if not isinstance(update, dict) or not isinstance(update.get("order_line_id"), str):
                raise InvalidRequestError("order_lines[].order_line_id is required")
            line_id = update["order_line_id"]
            if line_id not in lines:
                raise InvalidRequestError(f"Order line {line_id} not found")
            line_errors = len(errors)
            line_fields = update.get("order_line_additional_fields") or []
            if not isinstance(line_fields, list):
                raise InvalidRequestError("order_line_additional_fields must be a list")
            line_changes[line_id] = self._checked_fields(line_fields, "ORDER_LINE", errors, [])
            if len(errors) > line_errors:
                bad_lines.append(update)
        if errors:
            input_: dict[str, Any] = {}
            if bad_fields:
                input_["order_additional_fields"] = bad_fields
            if bad_lines:
                input_["order_lines"] = bad_lines
            return None, {"errors": errors, "input": input_}
        _apply_fields(order, "order_additional_fields", order_changes)
        for line_id, changes in line_changes.items():
            _apply_fields(lines[line_id], "order_line_additional_fields", changes)
        result: dict[str, Any] = {
            "order_additional_fields": [dict(f) for f in order["order_additional_fields"]]
        }
        if line_changes:
            result["order_lines"] = [
                {
                    "order_line_id": line_id,
                    "order_line_additional_fields": [
                        dict(f) for f in lines[line_id]["order_line_additional_fields"]
                    ],
                }
                for line_id in line_changes
            ]
        return result, None

    def _checked_fields(
        self, fields: list[Any], entity: str, errors: list[dict[str, Any]], bad: list[Any]
    ) -> dict[str, dict[str, Any] | None]:
        """Validated changes by code (None = delete); problems appended to `errors`."""
        changes: dict[str, dict[str, Any] | None] = {}
        for item in fields:
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise InvalidRequestError("each custom field needs a code")
            code = item["code"]
            definition = self.field_definition(code)
            problem = ""
            if definition is None or definition["entity"] != entity:
                problem = f"The {entity.lower().replace('_', ' ')} custom field {code} is unknown"
            elif "value" not in item:
                problem = f"The custom field {code} has no value"
            else:
                value = item["value"]
                if value is None:
                    changes[code] = None
                    continue
                if isinstance(value, list) and definition["type"] != "MULTIPLE_VALUES_LIST":
                    value = value[0] if len(value) == 1 else value
                problem = _value_problem(definition, value)
                if not problem:
                    changes[code] = {"code": code, "type": definition["type"], "value": value}
            if problem:
                errors.append({"code": "INVALID_VALUE", "field": code, "message": problem})
                bad.append(item)
        return changes


def _apply_fields(
    target: dict[str, Any], key: str, changes: dict[str, dict[str, Any] | None]
) -> None:
    current = {f["code"]: f for f in target.get(key) or []}
    for code, value in changes.items():
        if value is None:
            current.pop(code, None)
        else:
            current[code] = value
    target[key] = list(current.values())


def _value_problem(definition: dict[str, Any], value: Any) -> str:
    """Why a value does not fit the custom field's type ("" when it does)."""
    code, kind = definition["code"], definition["type"]
    if kind == "MULTIPLE_VALUES_LIST":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return "" if ok else f"The custom field {code} takes a list of values"
    if not isinstance(value, str):
        return f"The custom field {code} takes a string value"
    if kind in ("STRING", "TEXTAREA", "LINK", "REGEX") and len(value) > MAX_STRING_FIELD:
        return f"The custom field {code} is longer than {MAX_STRING_FIELD} characters"
    if kind == "BOOLEAN" and value not in ("true", "false"):
        return f"The custom field {code} takes true or false"
    if kind == "NUMERIC":
        try:
            float(value)
        except ValueError:
            return f"The custom field {code} takes a number"
    if kind == "DATE":
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return f"The custom field {code} takes a date as yyyy-mm-dd"
    if kind == "LIST" and value not in definition.get("accepted_values", []):
        return f"The custom field {code} does not accept {value!r}"
    return ""
