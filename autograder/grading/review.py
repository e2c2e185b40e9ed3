"""Review the code a student wrote for the means of tampering with the grader.

Flags, never scores: a flagged submission keeps its points and is marked "needs manual grading".
Only answer cells and cells the student added are read; a name counts as what it does (reading
``np.x`` is fine, storing into ``np.x`` is not).
"""
from __future__ import annotations

import ast

from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.execute import MARKER_NAME

# Code a DQN exercise never needs, and that tampering with the grader does.
SUSPICIOUS_NAMES = {
    "get_ipython": "calls get_ipython()", MARKER_NAME: "touches the grader's test marker",
    "f_back": "walks frames", "f_locals": "reads frames", "f_globals": "reads frames", "tb_frame": "reads frames",
    "gi_frame": "reads frames", "currentframe": "inspects frames", "_current_frames": "inspects frames",
    "walk_stack": "inspects frames", "walk_tb": "inspects frames", "last_traceback": "reads the last traceback",
    "__closure__": "reads closures", "cell_contents": "reads closures", "addaudithook": "installs an audit hook",
    "marshal": "loads bytecode", "CodeType": "builds code objects", "FunctionType": "builds functions",
    "__code__": "touches code objects", "__defaults__": "touches function defaults",
    "__kwdefaults__": "touches function defaults", "__globals__": "reads a function's globals",
    "__subclasses__": "walks class hierarchies",
    "input_transformers_cleanup": "installs an IPython input transformer",
    "input_transformers_post": "installs an IPython input transformer",
    "ast_transformers": "installs an IPython AST transformer", "set_custom_exc": "replaces IPython's error handler",
    "settrace": "installs a tracer", "setprofile": "installs a profiler", "_exit": "calls os._exit",
    "ctypes": "uses ctypes", "gc": "uses the garbage collector's object lists", "inspect": "inspects frames",
    "builtins": "changes builtins", "__builtins__": "changes builtins", "modules": "touches sys.modules",
    "importlib": "imports modules dynamically", "__import__": "imports modules dynamically",
    "exec": "runs code from strings (exec)", "eval": "runs code from strings (eval)",
    "compile": "compiles code from strings", "testing": "touches numpy.testing",
    "_getframe": "inspects frames", "fork": "forks processes", "signal": "changes signal handlers",
    "subprocess": "starts programs", "system": "starts programs", "socket": "opens network sockets",
    "run_cell": "patches IPython", "display_pub": "patches IPython",
    "__array_interface__": "reads raw memory (numpy's array interface)",
    "__array_struct__": "reads raw memory (numpy's array interface)", "ctypeslib": "reads raw memory (numpy.ctypeslib)",
}

RAW_MEMORY = {"__array_interface__", "__array_struct__", "ctypeslib"}

NAME_ONLY = {"exec", "eval", "compile", "__import__", "builtins", "inspect", "gc", "ctypes", "importlib",
             "signal", "subprocess", "socket", "marshal"}


def _dotted(node: ast.expr) -> str | None:
    """``np.testing.assert_allclose`` for a chain of attributes on a name; None for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _stored(target: ast.expr):
    """The expressions a store target writes to: the target itself, or each element of an unpacking.
    Names read inside it (a subscript's index, a call's arguments) are not written to."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            yield from _stored(elt)
    elif isinstance(target, ast.Starred):
        yield from _stored(target.value)
    else:
        yield target


def _protected_stores(node: ast.AST, protected: set[str]) -> list[str]:
    """What `node` writes into a protected module or name, each as a flag's wording."""
    if isinstance(node, ast.Assign):
        targets, verb = node.targets, "assigns to"
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.NamedExpr)):
        targets, verb = [node.target], "assigns to"
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets, verb = [i.optional_vars for i in node.items if i.optional_vars is not None], "assigns to"
    elif isinstance(node, ast.Delete):
        targets, verb = node.targets, "deletes"
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"setattr", "delattr"}
          and node.args):
        name = _dotted(node.args[0])
        if name is None or name.split(".")[0] not in protected:
            return []
        if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            name += "." + node.args[1].value
        return [f"calls {node.func.id} on `{name}`"]
    else:
        return []
    out = []
    for target in targets:
        for t in _stored(target):
            root = t
            while isinstance(root, (ast.Attribute, ast.Subscript)):   # np.x[0].y = ...: written into np's x
                root = root.value
            if not (isinstance(root, ast.Name) and root.id in protected):
                continue
            if isinstance(t, ast.Name):
                out.append(f"{'rebinds' if verb == 'assigns to' else verb} `{t.id}`")
            else:
                out.append(f"{verb} {_dotted(t) or ast.unparse(t)}")
    return out


def review(nb: NotebookNode, a: Assignment) -> list[str]:
    """Flags for code in answer cells and added cells that reaches into the grader."""
    from IPython.core.inputtransformer2 import TransformerManager

    transform = TransformerManager().transform_cell
    flags: list[str] = []
    protected_names = set(a.bindings)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not (C.is_answer(cell) or cell.metadata.get("dqn_added")):
            continue
        label = C.grade_id(cell) or f"cell #{i}"
        try:
            tree = ast.parse(transform(cell.source))
        except SyntaxError:
            continue
        found: list[str] = []
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.Attribute):
                # methods such as model.eval() or net.modules() are ordinary; sys.modules is not
                name = node.attr if node.attr not in NAME_ONLY else None
                if node.attr == "modules" and not (isinstance(node.value, ast.Name) and node.value.id == "sys"):
                    name = None
            elif isinstance(node, ast.alias):
                name = node.name.split(".")[-1]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in RAW_MEMORY:
                name = node.value           # {"__array_interface__": ...} in a dict or a class body
            if name in SUSPICIOUS_NAMES:
                found.append(SUSPICIOUS_NAMES[name])
            # storing into a protected module: np.allclose = ..., del helpers.checks._fail, setattr(np.testing, ...)
            found += _protected_stores(node, protected_names)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in protected_names:
                found.append(f"redefines `{node.name}`")
        for what in dict.fromkeys(found):
            flags.append(f"{label} {what}")
    return flags
