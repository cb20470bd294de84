"""OpenAI tool definitions (strict JSON schema), one per intent, generated from the models."""

from __future__ import annotations

import copy
from typing import Any

from intents.models import INTENT_MODELS, IntentBase

_STRING_DEFS = {"ProductRef", "PartyRef"}  # the model writes names; we resolve them ourselves
_DROP_KEYS = {"title", "default", "format", "pattern", "minLength", "maxLength", "minimum",
              "maximum", "exclusiveMinimum", "exclusiveMaximum", "discriminator"}  # fmt: skip


_DECIMAL: dict[str, Any] = {
    "type": "string",
    "description": "a plain decimal number, e.g. 2 or 6.50",
}


def tool_name(model: type[IntentBase]) -> str:
    """The tool name of an intent model: its `intent` literal."""
    return str(model.model_fields["intent"].default)


def intent_schema(model: type[IntentBase]) -> dict[str, Any]:
    """Strict-mode parameters schema: every property required, optional ones nullable."""
    raw = model.model_json_schema(mode="validation")
    defs = raw.pop("$defs", {})
    return _strict(raw, defs)


def tools() -> list[dict[str, Any]]:
    """The tool list for chat completions."""
    return [
        {
            "type": "function",
            "function": {
                "name": tool_name(model),
                "description": (model.__doc__ or "").strip(),
                "strict": True,
                "parameters": intent_schema(model),
            },
        }
        for model in INTENT_MODELS
    ]


def _strict(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    schema = copy.deepcopy(schema)
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in _STRING_DEFS:
            return {"type": "string", "description": f"{name[:-3].lower()} name as written"}
        return _strict(defs[name], defs)
    if _is_decimal(schema) and len(schema["anyOf"]) == 2:
        return dict(_DECIMAL)
    if schema.get("type") == "string" and schema.get("format") == "date":
        return {"type": "string", "description": "YYYY-MM-DD"}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            raw_options = schema.pop(key)
            if _is_decimal({"anyOf": raw_options}):
                raw_options = [
                    o for o in raw_options if o.get("type") != "number" and "pattern" not in o
                ]
                raw_options.insert(0, _DECIMAL)
            options = [_strict(s, defs) for s in raw_options]
            unique: list[dict[str, Any]] = []
            for option in options:
                if option not in unique:
                    unique.append(option)
            schema["anyOf"] = unique
    if schema.get("type") == "object" or "properties" in schema:
        props: dict[str, Any] = {}
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            if name == "intent" or prop.get("internal"):
                continue
            out = _strict(prop, defs)
            if name not in required:
                out = _nullable(out)
            props[name] = out
        schema = {"type": "object", "properties": props, "required": list(props),
                  "additionalProperties": False}  # fmt: skip
    if schema.get("type") == "array" and "items" in schema:
        schema["items"] = _strict(schema["items"], defs)
        schema.pop("prefixItems", None)
    return {k: v for k, v in schema.items() if k not in _DROP_KEYS and k != "internal"}


def _is_decimal(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [])
    types = {o.get("type") for o in options}
    strings = [o for o in options if o.get("type") == "string"]
    return "number" in types and any("pattern" in o for o in strings)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        if {"type": "null"} not in schema["anyOf"]:
            schema["anyOf"].append({"type": "null"})
        return schema
    return {"anyOf": [schema, {"type": "null"}]}
