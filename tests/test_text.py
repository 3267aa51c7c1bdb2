"""Folding and slugs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import defectors


class TestFold:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Czesław  MIŁOSZ", "czeslaw milosz"),
            ("Józef Światło", "jozef swiatlo"),
            ("Ágnes Keleti", "agnes keleti"),
            ("Straße", "strasse"),
            ("Øresund", "oresund"),
            ("Đorđe", "dorde"),
            ("Czecho–Slovakia", "czecho-slovakia"),
            ("СССР", "ссср"),
        ],
    )
    def test_examples(self, text, expected):
        """Case, diacritics, unsplittable letters, dashes and spaces fold."""
        assert expected == defectors.fold(text)

    @given(st.text())
    def test_idempotent(self, text):
        """Folding twice is folding once."""
        assert defectors.fold(text) == defectors.fold(defectors.fold(text))


class TestSlugify:
    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Czesław Miłosz", "czeslaw-milosz"),
            ("G. M. Dimitrov", "g-m-dimitrov"),
            ("Viktor Suvorov (Vladimir Rezun)", "viktor-suvorov-vladimir-rezun"),
        ],
    )
    def test_examples(self, name, slug):
        """Slugs are lowercase ASCII words joined by hyphens."""
        assert slug == defectors.slugify(name)

    @given(st.text())
    def test_slug_shape(self, text):
        """Every slug is empty or lowercase ASCII words joined by single hyphens."""
        slug = defectors.slugify(text)
        assert slug == "" or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
