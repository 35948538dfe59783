"""Rules as data: the YAML format, the loader and the compiler to spaCy matchers."""
from .compiler import CompiledRule, compile_rule
from .loader import builtin_rules_dir, load_rules
from .schema import RuleSpec
from .settings import configure_rules

__all__ = ["CompiledRule", "RuleSpec", "builtin_rules_dir", "compile_rule", "configure_rules", "load_rules"]
