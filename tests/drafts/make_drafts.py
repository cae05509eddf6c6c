#!/usr/bin/env python3
"""Regenerates tests/drafts/draftNN.tsv from reference.tsv and the edits below.

Each edit injects one or more known errors into the reference translation and records
the findings `concord check` must report on that row in the `expect` column
(`rule` or `rule=found text`, separated by `; `). Run from the repository root:
    python3 tests/drafts/make_drafts.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
rows = []
with open(os.path.join(HERE, "reference.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        ru, en, _ = line.rstrip("\n").split("\t")
        rows.append([ru, en, []])

# (kind, row, old, new, expects)   kind: en | ru | set_en | append (row = source row for ru)
DRAFTS = {
    "01": [
        ("en", 6, "President Nazarbayev's", "President Nazarbaev's", ["term-forbidden=Nazarbaev"]),
        ("en", 22, "President Nazarbayev put", "President Nazarbayeva put", ["term-variant=Nazarbayeva"]),
        ("en", 30, "President Nazarbayev presented", "the President presented", ["term-missing"]),
        ("en", 2, "1995", "1996", ["number-mismatch=1996"]),
        ("en", 3, "the EU and others.", "the EU и др.", ["untranslated=и др"]),
        ("en", 36, "Kazakhstan's future", "Kazakhstаn's future", ["term-variant=Kazakhstаn"]),
    ],
    "02": [
        ("en", 21, "Central Asian Cooperation Organization (CACO)", "Central Asian Cooperation Organisation (CACO)", ["term-variant=Organisation"]),
        ("en", 21, "(EurAsEC)", "(Eurasec)", ["term-variant=Eurasec"]),
        ("en", 21, "the Common Economic Space (CES)", "the Single Economic Space (CES)", ["term-forbidden=Single Economic Space"]),
        ("en", 5, "the creation of the CIS", "the creation of the Commonwealth", ["term-missing"]),
        ("en", 14, "of 1993", "of 1994", ["number-mismatch=1994"]),
        ("set_en", 9, None, "", ["untranslated"]),
    ],
    "03": [
        ("en", 16, "Tajikistan", "Tadjikistan", ["term-forbidden=Tadjikistan"]),
        ("en", 16, "Kyrgyzstan", "Kirgizia", ["term-forbidden=Kirgizia"]),
        ("en", 18, "with Tashkent", "with Toshkent", ["term-forbidden=Toshkent"]),
        ("en", 16, "with Uzbekistan", "with Uzbekistn", ["term-variant=Uzbekistn"]),
        ("en", 11, "in Central Asia", "in Central-Asia", ["term-variant=Central-Asia"]),
        ("en", 21, "Astana implements", "The capital implements", ["term-missing"]),
        ("en", 29, "(1996)", "(1995)", ["number-mismatch=1995"]),
        ("en", 4, "Kazakh policymakers", "Kazakh полисимейкеры", ["untranslated=полисимейкеры"]),
    ],
    "04": [
        ("en", 5, "Belovezha Accords", "Belovezhskaya Agreements", ["term-forbidden=Belovezhskaya Agreements"]),
        ("en", 5, "Alma-Ata Declaration of 1991", "Alma-Ata Declaration", ["number-mismatch"]),
        ("en", 29, "the Treaty on the Non-Proliferation of Nuclear Weapons (NPT)", "the Non-Proliferation Agreement", ["term-missing"]),
        ("en", 14, "the Collective Security Treaty of 1992", "the Collective Security Pact of 1992", ["term-missing"]),
        ("en", 34, "1999–2005", "1999–2004", ["number-mismatch=2004"]),
        ("set_en", 13, None, "=RU", ["untranslated"]),
        ("en", 34, "Law on Combating Terrorism", "Law on Combatting Terrorism", ["term-variant=Combatting"]),
    ],
    "05": [
        ("ru", 15, "(ЦАС)", "(ЦAС)", ["mixed-script=ЦAС"]),
        ("ru", 20, "поможет РК", "поможет PК", ["mixed-script=PК"]),
        ("en", 7, "political and economic stabilization", "pоlitical and economic stabilization", ["mixed-script=pоlitical"]),
        ("en", 10, "regional policy", "regiоnal policy", ["mixed-script=regiоnal"]),
        ("en", 28, "nuclear non-proliferation", "nucleаr non-proliferation", ["mixed-script=nucleаr"]),
        ("en", 31, "from the nuclear powers", "from the atomic states", ["term-forbidden=atomic states"]),
        ("en", 8, "the security complex", "the security system", ["term-missing"]),
    ],
    "06": [
        ("append", 8, None, "Structural neorealism holds that the security complex is the most important feature of regional systems.", ["inconsistent-translation"]),
        ("append", 24, None, "This accounts for the transformation of the treaty base: from bilateral problems to external challenges and risks.", ["inconsistent-translation"]),
        ("set_en", 32, None, "=EN31", ["inconsistent-translation"]),
        ("en", 3, "of 2004", "of 2040", ["number-mismatch=2040"]),
        ("en", 30, "47th", "48th", ["number-mismatch=48"]),
        ("en", 25, "middle states secure", "medium-sized countries secure", ["term-missing"]),
    ],
    "07": [
        ("en", 4, "economic post-Soviet space", "economic post Soviet space", ["term-variant=post Soviet"]),
        ("en", 26, "the collapse of the USSR", "the collapse of the Soviet state", ["term-missing"]),
        ("en", 35, "(China, Japan, Russia)", "(China, japan, Russia)", ["term-variant=japan"]),
        ("en", 30, "(CICA)", "(the Asian conference)", ["term-missing"]),
        ("en", 22, "In February 2005", "In February", ["number-mismatch"]),
        ("set_en", 1, None, "=RU", ["untranslated"]),
        ("en", 19, "military potential", "milіtary potential", ["mixed-script=milіtary"]),
    ],
    "08": [
        ("en", 21, "(EurAsEC)", "(EAEC)", ["term-forbidden=EAEC"]),
        ("en", 11, "in Central Asia", "in Middle Asia", ["term-forbidden=Middle Asia"]),
        ("en", 13, "Kazakhstan adhered", "Kazakstan adhered", ["term-forbidden=Kazakstan"]),
        ("append_ru", "В 2004 г. рост ВВП Казахстана составил 9,4 %.", None, "In 2004 Kazakhstan's GDP grew by 9.6%.", ["number-mismatch=9.6"]),
        ("append_ru", "Протяженность границы с Узбекистаном – 2 203 км.", None, "The border with Uzbekistan is 22,030 km long.", ["number-mismatch=22,030"]),
        ("append_ru", "Товарооборот с Россией достиг 3,5 млрд долл.", None, "Trade with Russia reached 3.5 million dollars.", ["number-mismatch=3.5 million"]),
    ],
    "09": [
        ("en", 6, "President Nazarbayev's", "President Nazarbajev's", ["term-variant=Nazarbajev"]),
        ("en", 29, "Comprehensive Nuclear-Test-Ban Treaty", "Comprehensive Nuclear Test Ban Treaty", ["term-variant=Nuclear Test Ban"]),
        ("en", 21, "the Collective Security Treaty Organization (CSTO)", "the Collective Security Treaty Organisation (CSTO)", ["term-variant=Organisation"]),
        ("en", 18, "with Tashkent", "with Tashkentom", ["term-variant=Tashkentom"]),
        ("set_en", 12, None, "", ["untranslated"]),
        ("en", 23, "as a middle state", "as a middle-state", ["term-variant=middle-state"]),
        ("en", 2, "practical interest to Kazakhstan", "practical interest to the republic", ["term-missing"]),
    ],
    "10": [
        # correct alternatives that must not be reported
        ("en", 3, "the United States, the EU", "the USA, the EU", []),
        ("en", 31, "from the nuclear powers", "from the nuclear-weapon states", []),
        ("en", 35, "(China, Japan, Russia)", "(the PRC, Japan, Russia)", []),
        ("en", 5, "the Alma-Ata Declaration", "the Almaty Declaration", []),
        # errors
        ("en", 13, "(1992)", "(1922)", ["number-mismatch=1922"]),
        ("en", 15, "(the CAU)", "(the CAS)", ["term-missing"]),
        ("en", 36, "in Asia and in Europe", "in Asia and in Еurope", ["term-variant=Еurope"]),
        ("set_en", 20, None, "Казахстан сохранит лидерство.", ["untranslated=Казахстан сохранит лидерство", "term-missing"]),
        ("ru", 27, "Реализм внешней", "Рeализм внешней", ["mixed-script=Рeализм"]),
        ("en", 24, "the treaty base", "the trеaty base", ["mixed-script=trеaty"]),
        ("append", 10, None, "States must therefore base regional policy on friendliness and the distribution of capabilities.", ["inconsistent-translation"]),
    ],
    "11": [
        ("append", 9, None, "Neighboring states are so tightly bound together that one state's national security cannot be separated from that of the others.", ["inconsistent-translation"]),
        ("set_en", 24, None, "=EN23", ["inconsistent-translation"]),
        ("en", 8, "structural neorealism", "structural neoliberalism", ["term-missing"]),
        ("set_en", 14, None, "", ["untranslated"]),
    ],
}


def build(edits):
    d = [[ru, en, []] for ru, en, _ in rows]
    appended = []
    for kind, row, old, new, expects in edits:
        if kind == "append":
            appended.append([rows[row - 1][0], new, list(expects)])
            continue
        if kind == "append_ru":
            appended.append([row, new, list(expects)])
            continue
        r = d[row - 1]
        if kind == "en":
            assert old in r[1], (row, old)
            r[1] = r[1].replace(old, new, 1)
        elif kind == "ru":
            assert old in r[0], (row, old)
            r[0] = r[0].replace(old, new, 1)
        elif kind == "set_en":
            if new == "=RU":
                new = r[0]
            elif new.startswith("=EN"):
                new = rows[int(new[3:]) - 1][1]
            r[1] = new
        r[2].extend(expects)
    return d + appended


for name, edits in DRAFTS.items():
    with open(os.path.join(HERE, f"draft{name}.tsv"), "w", encoding="utf-8") as f:
        f.write("ru\ten\texpect\n")
        for ru, en, ex in build(edits):
            f.write(f"{ru}\t{en}\t{'; '.join(ex)}\n")
