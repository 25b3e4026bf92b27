"""Meta-tests that keep the design honest (as proselint's test_check_structures does): one
lexicon, derived triggers, rules rendered from their templates, no cycles, small modules."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

PACKAGES = [ROOT / "blameless", ROOT / "lsp" / "blameless_lsp"]
SOURCES = sorted(p for pkg in PACKAGES for p in pkg.rglob("*.py"))


def module_name(path: Path) -> str:
    base = ROOT / "lsp" if path.is_relative_to(ROOT / "lsp") else ROOT
    parts = list(path.relative_to(base).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in SOURCES}


def type_checking_only(path: Path) -> set[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in ast.walk(node):
                if hasattr(child, "lineno"):
                    lines.add(child.lineno)
    return lines


def runtime_imports(path: Path) -> set[str]:
    skip = type_checking_only(path)
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or node.lineno in skip:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            stem = ".".join(base + ([node.module] if node.module else [])) if node.level else (node.module or "")
            subs = [f"{stem}.{a.name}" for a in node.names]
            # "from . import budget" imports the submodule; the package itself only when a name
            # defined in its __init__ is taken ("from . import __version__")
            targets = subs if all(s in MODULES for s in subs) else [stem] + subs
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def test_no_import_cycles():
    graph = {name: runtime_imports(path) for name, path in MODULES.items()}
    # a package's __init__ importing its own submodules is how packages expose them, not a cycle
    # through the code; every other back edge is.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_no_module_is_over_450_lines():
    long = {str(p.relative_to(ROOT)): n for p in SOURCES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not long


def _private_names_defined(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return {n for n in names if n.startswith("_")}


def test_no_private_attribute_is_used_outside_its_module():
    offences = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = _private_names_defined(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level or (
                    isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("blameless", "lsp"))):
                offences += [f"{path.name}: imports {a.name}" for a in node.names
                             if a.name.startswith("_") and not a.name.startswith("__")]
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.attr not in own):
                owner = ast.unparse(node.value)
                if owner not in ("self", "cls", "super()"):
                    offences.append(f"{path.name}:{node.lineno}: {owner}.{node.attr}")
    # pygls's own private members are its business; we may not reach into ours
    ours = [o for o in offences if not re.search(r"\.(_client_has|_pending|_server|_lsp)$", o)]
    assert not ours


# -- rules as data ------------------------------------------------------------------------------

def test_rule_packs_write_no_trigger_lists_and_no_word_lists():
    for path in (ROOT / "rules").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "families.yml":
            continue
        assert "lexicon" not in data, f"{path.name}: word lists belong in rules/en/"
        for rule in data["rules"]:
            assert "triggers" not in rule, f"{rule['id']}: triggers are derived (triggers_from)"


def test_every_lexicon_list_is_used():
    from blameless.lexicon import english

    lexicon = english()
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "rules").rglob("*.yml")]
    corpus = "\n".join(texts)
    included = {other for name in lexicon.names() for other in lexicon.includes(name)}
    kinds = {f"section_{k}" for k in ("summary", "impact", "timeline", "root_cause",
                                      "contributing_factors", "what_went_well", "action_items")}
    unused = [name for name in lexicon.names() if name not in included and name not in kinds
              and not re.search(rf"[\"'\[ ,$]{re.escape(name)}[\"'\], ]", corpus.replace(f"\n{name}:", "\n"))]
    assert not unused, f"word lists nobody uses: {unused}"


def test_a_list_defined_twice_or_an_entry_repeated_fails_the_load(tmp_path):
    from blameless.lexicon import LexiconError, load_lexicon

    (tmp_path / "a.yml").write_text("verbs: [fix, patch]\n")
    (tmp_path / "b.yml").write_text("verbs: [mend]\n")
    with pytest.raises(LexiconError, match="verbs: list already defined in a.yml"):
        load_lexicon(tmp_path)
    (tmp_path / "b.yml").write_text("nouns: [disk, Disk]\n")
    with pytest.raises(LexiconError, match="'disk' is repeated"):
        load_lexicon(tmp_path)
    (tmp_path / "b.yml").write_text("nouns: [$verbs, disk]\nall: [$nouns, $missing]\n")
    with pytest.raises(LexiconError, match=r"includes \$missing"):
        load_lexicon(tmp_path)
    (tmp_path / "b.yml").write_text("nouns: [$verbs, disk]\n")
    assert load_lexicon(tmp_path).entries("nouns") == ("fix", "patch", "disk")


def test_the_prefilter_admits_every_inflection_of_the_verbs_a_rule_depends_on():
    """For each verb list a rule's prefilter comes from, every form of every verb, in a sentence
    the rule reads, reaches the check (the block is planned for that rule)."""
    import blameless
    from blameless.document import parse
    from blameless.engine import Engine
    from blameless.inflect import forms
    from blameless.lexicon import english
    from blameless.registry import rule_set

    engine = Engine(blameless.Config())
    missed = []
    for rule in rule_set():
        # a list of `triggers_from`, or of a `triggers_together` group with a word of each other list
        uses = [(name, "") for name in rule.triggers_from]
        uses += [(name, " ".join(english().entries(other)[0] for other in group if other != name))
                 for group in rule.triggers_together for name in group]
        for name, companions in uses:
            if not name.endswith("_verbs"):
                continue
            for lemma in english().entries(name):
                for form in forms(lemma):
                    heading = "## Timeline" if "timeline" in (rule.scope.sections or ()) else "## Root cause"
                    sentence = f"Dana {form} the replica {companions}".rstrip() + "."
                    doc = parse(f"{heading}\n\n- 10:00 {sentence}\n"
                                if heading == "## Timeline" else f"{heading}\n\n{sentence}\n")
                    planned = {r.id for _, rules in engine.plan(doc) for r in rules}
                    if rule.id not in planned:
                        missed.append((rule.id, name, form))
    assert not missed


# -- what the user reads ------------------------------------------------------------------------

def _template_regex(template: str) -> re.Pattern:
    import string

    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(r".+?")
    return re.compile("".join(parts), re.S)


def test_every_emitted_message_and_suggestion_comes_from_its_rules_templates():
    import blameless
    from blameless.registry import rule_set
    from conftest import example_document

    rules = rule_set()
    checked = 0
    for rule in rules:
        messages = [_template_regex(t) for t in [rule.message, *rule.messages.values()]]
        suggestions = [_template_regex(t) for t in [rule.suggestion, *rule.suggestions.values()]]
        for example in rule.flag:
            text, _ = example_document(example.text, example.context)
            for finding in blameless.check(text, config=blameless.Config(select=(rule.id,))):
                assert any(m.fullmatch(finding.message) for m in messages), (rule.id, finding.message)
                assert any(s.fullmatch(finding.suggestion) for s in suggestions), (rule.id, finding.suggestion)
                checked += 1
    assert checked > len(rules)


def test_a_hit_cannot_carry_its_own_text():
    from dataclasses import fields

    from blameless.checks.context import Hit

    assert not {"message", "suggestion"} & {f.name for f in fields(Hit)}


def test_editor_settings_name_the_declared_families():
    import json

    from blameless.families import families

    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    text = json.dumps(package["contributes"]["configuration"])
    for family in families():
        assert f"`{family.category}`" in text, family.category
