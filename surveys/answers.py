"""A municipality's answers to the survey, and the tick marks staff type.

Pure Python. The survey has three answers (cooperation with a specific
overseas municipality, international cooperation not tied to one, no
international cooperation) and four kinds of cooperation. A municipality
"cooperates" when it chose either cooperation answer; one that also ticked
"no cooperation" still cooperates, and its answer is left for staff to
review rather than guessed away. Messages are Japanese msgids
(``indicators.messages``).
"""

import unicodedata
from dataclasses import dataclass, field

from indicators.messages import gettext as _

SISTER_CITY = "sister_city"
MULTILATERAL = "multilateral"
TRAINING_EXCHANGE = "training_exchange"
OTHER = "other"
KINDS = (SISTER_CITY, MULTILATERAL, TRAINING_EXCHANGE, OTHER)

# Upper-cased after NFKC, so ｙ, Ｙ and y are one notation.
TRUE_MARKS = frozenset({"1", "○", "◯", "〇", "✓", "✔", "はい", "TRUE", "Y", "YES"})
FALSE_MARKS = frozenset({"", "0", "×", "✕", "いいえ", "FALSE", "N", "NO"})


class TickError(ValueError):
    """A cell that is neither a yes nor a no in any accepted notation."""


def parse_tick(value: object) -> bool:
    """True for a ticked cell, False for an unticked or blank one."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    if text in TRUE_MARKS:
        return True
    if text in FALSE_MARKS:
        return False
    raise TickError(
        _(
            "%(value)s は「はい」「いいえ」として読めません"
            "（1/0、○/×、✓、はい/いいえ、TRUE/FALSE、y/n または空欄）"
        )
        % {"value": repr(value)}
    )


@dataclass(frozen=True)
class Answers:
    specific_partner: bool = False
    general_cooperation: bool = False
    no_cooperation: bool = False
    kinds: frozenset[str] = field(default_factory=frozenset)

    @property
    def cooperates(self) -> bool:
        return self.specific_partner or self.general_cooperation

    @property
    def answered(self) -> bool:
        return self.cooperates or self.no_cooperation

    def union(self, other: "Answers") -> "Answers":
        """Every answer either submission gave."""
        return Answers(
            specific_partner=self.specific_partner or other.specific_partner,
            general_cooperation=self.general_cooperation or other.general_cooperation,
            no_cooperation=self.no_cooperation or other.no_cooperation,
            kinds=self.kinds | other.kinds,
        )

    def settled(self) -> "Answers":
        """The answers as counted: cooperation wins over "no cooperation"."""
        if not self.cooperates:
            return self
        return Answers(
            self.specific_partner, self.general_cooperation, False, self.kinds
        )

    def doubts(self) -> list[str]:
        """Why staff should look at these answers; empty when nothing is odd."""
        doubts = []
        if self.cooperates and self.no_cooperation:
            doubts.append("連携ありと「実施していない」の両方に回答")
        if not self.answered:
            doubts.append("回答の選択肢が空欄")
        if self.kinds and not self.cooperates:
            doubts.append("連携の内容があるが連携ありの回答がない")
        return doubts
