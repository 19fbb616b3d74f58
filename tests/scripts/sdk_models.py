"""Holds JSON values against the SDK field lists of tests/data/sdk/models.json.

Python 3 standard library only. Each problem is one line naming where it is (the endpoint and the
field path, e.g. "GET /datasets/a/b/: Dataset.owner.created_at") and what is wrong with it.
"""

import json


def describe(value):
    """A short name for a JSON value's kind, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, int):
        return "an int"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def type_fits(value, kind):
    """Whether a (non-null) JSON value is of the model's type; a list of types is a Union."""
    if isinstance(kind, list):
        return any(type_fits(value, k) for k in kind)
    if kind == "any":
        return True
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "list":
        return isinstance(value, list)
    raise ValueError(f"models.json: unknown type {kind!r}")


class Models:
    """The models of models.json and the checks against them."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.models = json.load(f)
        self.label_attributes = self.models["_label_attributes_by_task_type"]

    def fields(self, name):
        return {k: v for k, v in self.models[name].items() if not k.startswith("_")}

    def check(self, value, name, where):
        """Problems of `value` as the model `name`; `where` starts each message."""
        problems = []
        self._model(value, name, f"{where}: {name}", problems)
        return problems

    def check_label(self, label, where):
        """A Label, and its attributes as the one model its label_type calls for."""
        problems = self.check(label, "Label", where)
        if isinstance(label, dict) and isinstance(label.get("attributes"), dict):
            specific = self.label_attributes.get(label.get("label_type"))
            if specific:
                self._model(label["attributes"], specific,
                            f"{where}: Label.attributes as {specific}", problems)
        return problems

    def _model(self, value, name, path, problems):
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object, got {describe(value)}")
            return
        for field, spec in self.fields(name).items():
            if field not in value:
                if spec["required"]:
                    problems.append(f"{path}.{field}: missing, but the SDK requires it")
                continue
            self._value(value[field], spec, f"{path}.{field}", problems)

    def _value(self, value, spec, path, problems):
        if value is None:
            if not spec.get("nullable", False):
                problems.append(f"{path}: null, but the SDK wants {spec['type']}")
            return
        if not type_fits(value, spec["type"]):
            problems.append(f"{path}: expected {spec['type']}, got {describe(value)} "
                            f"({json.dumps(value)[:60]})")
            return
        allowed = spec.get("values")
        if allowed is not None and value not in allowed:
            prefix = spec.get("custom_prefix")
            if not (prefix and isinstance(value, str) and prefix in value):
                problems.append(f"{path}: {json.dumps(value)} is not one of the SDK's values")
        if "length" in spec and len(value) not in spec["length"]:
            problems.append(f"{path}: {len(value)} items, the SDK takes {spec['length']}")
        if "model" in spec:
            self._model(value, spec["model"], path, problems)
        if "one_of" in spec:
            self._one_of(value, spec["one_of"], path, problems)
        if "items" in spec:
            item = spec["items"]
            for i, element in enumerate(value):
                at = f"{path}[{i}]"
                if isinstance(item, str):
                    self._model(element, item, at, problems)
                else:
                    self._value(element, {"nullable": False, **item}, at, problems)

    def _one_of(self, value, names, path, problems):
        first = {}
        for name in names:
            found = []
            self._model(value, name, f"{path} as {name}", found)
            if not found:
                return
            first[name] = found[0]
        problems.append(f"{path}: fits none of the SDK's models; "
                        + "; ".join(first[n] for n in names))
