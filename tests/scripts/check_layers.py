#!/usr/bin/env python3
"""Checks that every #include follows the layers of README.md (Architecture).

The libraries' links already refuse a call into a layer above; this also catches an include of
a header-only type or of a Qt module a layer must not use. Usage: check_layers.py SOURCE_DIR QT_INCLUDE_DIR
"""
import os
import re
import sys

src, qt_include = sys.argv[1], sys.argv[2]

CORE = ("api/", "evaluate/", "labels/", "models/", "review/", "upload/", "settings/",
        "application.h", "threading.h")
UI = ("shell/", "browse/", "detail/", "upload/", "settings/")
UI += ("compare/",)  # issue 14: the compare view and the evaluation panel
UI += ("review/",)  # issue 15: review decisions in the viewer, the grid and the table
SERVER = ("http/", "store/", "routes/", "demo/", "server.h")

# layer folder -> (include roots searched for quoted includes, Qt modules allowed)
LAYERS = {
    "app/wire": (["app"], {"QtCore", "QtGui"}, ("wire/",)),
    "app/core": (["app/core", "app"], {"QtCore", "QtGui", "QtNetwork", "QtDBus", "QtConcurrent",
                                    "QtSql"},
                 ("wire/",) + CORE),
    "app/server": (["app/server", "app"], {"QtCore", "QtGui", "QtNetwork", "QtSql", "QtHttpServer",
                                           "QtConcurrent"}, ("wire/",) + SERVER),
    "app/cli": (["app", "app/core"], {"QtCore", "QtGui", "QtNetwork"}, ("wire/", "cli/") + CORE),
    "ui": (["ui", "app/core", "app"], {"QtCore", "QtGui", "QtNetwork", "QtWidgets", "QtSvg",
                                      "QtConcurrent"}, ("wire/",) + CORE + UI),
}

qt_modules = [d for d in os.listdir(qt_include) if d.startswith("Qt")]


def qt_module_of(header):
    for module in qt_modules:
        if os.path.exists(os.path.join(qt_include, module, header)):
            return module
    return None


include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
problems = []
for layer, (roots, modules, prefixes) in LAYERS.items():
    for folder, _, files in os.walk(os.path.join(src, layer)):
        for name in files:
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, src)
            if layer == "app/core" and rel.startswith(("app/core/../",)):
                continue
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                m = include.match(line)
                if not m:
                    continue
                kind, header = m.groups()
                where = f"{rel}:{number}: {header}"
                if kind == "<":
                    if header.startswith("Q") and "/" not in header:
                        module = qt_module_of(header)
                        if module and module not in modules:
                            problems.append(f"{where}: {layer} may not use {module}")
                    elif header.startswith("Qt") and header.split("/")[0] not in modules:
                        problems.append(f"{where}: {layer} may not use {header.split('/')[0]}")
                    continue
                if header.endswith(".moc") or os.path.exists(os.path.join(folder, header)):
                    continue  # beside the file: its own layer
                if not header.startswith(prefixes):
                    problems.append(f"{where}: not a layer {layer} may include")
                    continue
                if not any(os.path.exists(os.path.join(src, root, header)) for root in roots):
                    problems.append(f"{where}: not found in {layer}'s include roots")

for problem in problems:
    print(problem)
print(f"check_layers: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
