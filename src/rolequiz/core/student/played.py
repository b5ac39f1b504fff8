"""How a quiz was played, as an answer sheet keeps it beside the answers.

``shown`` (each question's option ids in the order they were on screen),
``seconds`` (how long each answer took) and ``fingerprints`` (a hash of each
question's and chosen option's words): read leniently, since all three are
optional and an entry that does not fit the knowledge base is simply left out.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from rolequiz.core.kb.model import KnowledgeBase, Question

if TYPE_CHECKING:
    from rolequiz.core.kb.yamlnodes import Node


def fingerprint(question: Question, index: int) -> str:
    """A hash of *question*'s text and of its option *index*'s text, in every language:
    the same words give the same fingerprint whatever the language of the quiz."""
    texts = [sorted(question.text.translations), sorted(question.options[index].text.translations)]
    data = json.dumps(texts, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def entry(root: Node, key: str) -> Node | None:
    """The value under *key* of the mapping *root*, if there is one."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if getattr(key_node, "value", None) == key:
            found: Node = value
            return found
    return None


def shown_orders(node: Node | None, kb: KnowledgeBase) -> dict[str, tuple[int, ...]]:
    """The orders of ``shown`` that list every option of their question once."""
    import yaml

    orders: dict[str, tuple[int, ...]] = {}
    if not isinstance(node, yaml.MappingNode):
        return orders
    for key, value in node.value:
        question_id = str(key.value)
        if not kb.has_question(question_id) or not isinstance(value, yaml.SequenceNode):
            continue
        index_of = {option.id: k for k, option in enumerate(kb.question(question_id).options)}
        ids = [str(item.value) for item in value.value if isinstance(item, yaml.ScalarNode)]
        if len(ids) == len(value.value) and sorted(ids) == sorted(index_of):
            orders[question_id] = tuple(index_of[option_id] for option_id in ids)
    return orders


def seconds(node: Node | None, answers: dict[str, int]) -> dict[str, float]:
    """The ``seconds`` of the answers that were read: numbers, not negative."""
    import yaml

    seconds: dict[str, float] = {}
    if not isinstance(node, yaml.MappingNode):
        return seconds
    for key, value in node.value:
        question_id = str(key.value)
        if question_id not in answers or not isinstance(value, yaml.ScalarNode):
            continue
        try:
            number = float(value.value)
        except ValueError:
            continue
        if number >= 0 and number != float("inf"):
            seconds[question_id] = number
    return seconds


def fingerprints(node: Node | None) -> dict[str, str] | None:
    """Question id -> fingerprint; None for a sheet without them (an older session)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return {str(key.value): str(value.value) for key, value in node.value
            if isinstance(value, yaml.ScalarNode)}
