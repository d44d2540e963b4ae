"""Municipality and prefecture names folded into keys for matching.

Pure Python. Survey answers spell the same municipality in many ways:
full-width or half-width characters, ケ, ヶ or ｹ, old and new forms of a
kanji (髙 and 高, 﨑 and 崎 ...), stray spaces, a prefecture written before
the name or left out, a prefecture without its 都, 府 or 県. Two spellings
that differ only in those ways fold to the same key; the registry's names
are folded the same way, so the direction of each fold does not matter.
"""

import re
import unicodedata

# Old, variant or compatibility forms of kanji found in municipality names,
# each folded to the form the key uses. Both sides of a pair occur in
# official names (龍ケ崎市 and 竜王町, 檜原村 and 桧枝岐村), which is why the
# registry's own names go through the same fold. The 1,922 current names and
# the registry's older ones keep distinct keys within each prefecture under
# this table (a test checks it).
KANJI_VARIANTS = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "碕": "崎",
    "邊": "辺",
    "邉": "辺",
    "龍": "竜",
    "澤": "沢",
    "濱": "浜",
    "櫻": "桜",
    "廣": "広",
    "德": "徳",
    "條": "条",
    "檜": "桧",
    "國": "国",
    "嶋": "島",
    "嶌": "島",
    "淵": "渕",
    "冨": "富",
    "舘": "館",
    "眞": "真",
    "惠": "恵",
    "壽": "寿",
    "萬": "万",
    "彌": "弥",
    "驒": "騨",
    "蘆": "芦",
    "曾": "曽",
    "瀨": "瀬",
    "槇": "槙",
    "峯": "峰",
    "會": "会",
    "縣": "県",
    "藏": "蔵",
    "實": "実",
    "與": "与",
    "齋": "斎",
    "齊": "斉",
    "黑": "黒",
}

# Small katakana written in place names for the particle が (関ヶ原, 茅ヶ崎).
KANA_VARIANTS = {"ヶ": "ケ", "ヵ": "カ", "ゖ": "ケ", "ゕ": "カ"}

# The 47 prefectures in the order of their codes (01 北海道 ... 47 沖縄県).
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
    "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
    "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
    "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
    "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
    "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
    "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip

_FOLD = str.maketrans({**KANJI_VARIANTS, **KANA_VARIANTS})
_SPACES = re.compile(r"\s+")
_DISTRICT = re.compile(r"^(?P<district>.+?郡)(?P<rest>.+)$")


def as_written(text: str) -> str:
    """A name as it reads: NFKC, without spaces, before any fold of forms.

    NFKC turns full-width letters and digits into ASCII and half-width
    katakana (ｹ) into full-width (ケ).
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))


def normalise_name(text: str) -> str:
    """The matching key of a municipality name: as written, variants folded."""
    return as_written(text).translate(_FOLD)


# Each prefecture by its full name, its name without 都, 府, 県 or 道, and
# its two-digit code.
_PREFECTURE_KEYS = {
    normalise_name(key): prefecture
    for number, prefecture in enumerate(PREFECTURES, start=1)
    for key in (prefecture, prefecture[:-1], f"{number:02d}")
}


def prefecture_named(text: str) -> str | None:
    """The prefecture written as 神奈川県, 神奈川 or 14, or None."""
    return _PREFECTURE_KEYS.get(normalise_name(text))


def normalise_prefecture(text: str) -> str:
    """The matching key of a prefecture: its full name when it is one."""
    return prefecture_named(text) or normalise_name(text)


def split_prefecture(name: str) -> tuple[str, str]:
    """A name written as 北海道札幌市 split into (北海道, 札幌市), as keys.

    Only a prefecture written in full (with 都, 府 or 県) is split off:
    京都市 must not lose 京都.
    """
    key = normalise_name(name)
    for prefecture in PREFECTURES:
        full = normalise_name(prefecture)
        if key.startswith(full) and len(key) > len(full):
            return prefecture, key[len(full) :]
    return "", key


def without_district(name: str) -> str | None:
    """A name written as 上川郡東川町 without its district (郡), or None.

    Callers try the name as written first: 小郡市 and 郡山市 contain 郡 too.
    """
    match = _DISTRICT.match(normalise_name(name))
    return match.group("rest") if match else None
