#!/usr/bin/env python3
"""Writes concord's own interop fixtures (tests/fixtures/interop) covering the edge cases
of the real CAT-tool files in ../shared/interop (see its SOURCES.md), in small files with
Russian/English content. Run from the repository root; the output is committed."""
import os

OUT = os.path.join("tests", "fixtures", "interop")


def write(name, text, encoding="utf-8", bom=b""):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(bom + text.encode(encoding))


# --- TMX -------------------------------------------------------------------------------
write("tmx/utf16le-bom-whitespace.tmx", """<?xml version="1.0" ?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="fixture" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en-us" srclang="ru-ru" o-tmf="x">
 </header>
 <body>
  <tu>
   <tuv xml:lang="ru-ru"><seg>Первый сегмент [&#x09;&#x09;   ]</seg></tuv>
   <tuv xml:lang="en-us"><seg>First segment [&#x09;&#x09;   ]</seg></tuv>
  </tu>
  <tu>
   <tuv xml:lang="ru-ru"><seg>  Второй  сегмент&#x20;</seg></tuv>
   <tuv xml:lang="en-us"><seg>  Second  segment&#x20;</seg></tuv>
  </tu>
 </body>
</tmx>
""", "utf-16-le", b"\xff\xfe")

write("tmx/utf16be-bom-charrefs.tmx", """<?xml version="1.0"?>
<tmx version="1.4">
 <header creationtool="fixture" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ru" o-tmf="x"/>
 <body>
  <tu>
   <tuv xml:lang="ru"><seg>&#x401;лка &#1105;жик — «ёлка»</seg></tuv>
   <tuv xml:lang="en"><seg>Fir &#x2122; “tree” &#8217;s</seg></tuv>
  </tu>
 </body>
</tmx>
""", "utf-16-be", b"\xfe\xff")

write("tmx/per-tu-srclang.tmx", """<?xml version="1.0" ?>
<tmx version="1.4">
 <header creationtool="fixture" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="de-de" o-tmf="x"/>
 <!-- only the first two units are Russian-English -->
 <body>
  <tu srclang="en-us">
   <tuv xml:lang="en-us"><seg>First entry</seg></tuv>
   <tuv xml:lang="ru-ru"><seg>Первая запись</seg></tuv>
  </tu>
  <tu srclang="ru">
   <tuv lang="RU"><seg>Вторая запись</seg></tuv>
   <tuv lang="EN"><seg>Second entry</seg></tuv>
  </tu>
  <tu>
   <tuv xml:lang="de-de"><seg>[not imported] Dritter Eintrag</seg></tuv>
   <tuv xml:lang="en-us"><seg>[not imported] Third entry</seg></tuv>
  </tu>
 </body>
</tmx>
""")

write("tmx/utf8-bom-notes-props.tmx", """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<!-- a comment -->
<tmx version="1.4">
 <header creationtool="fixture" creationtoolversion="1" segtype="block" o-tmf="x" adminlang="en" srclang="ru"
  datatype="html" o-encoding="koi8-r" creationdate="20240101T120000Z">
  <!-- a comment -->
  <ude name="MacCyrillic" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="AppleLogo" subst="[Apple]"/></ude>
  <note>Header note</note>
  <prop type="x-project">Kazakhstan</prop>
 </header>
 <!-- comments with > -> -!> inside -->
 <body>
  <tu tuid="tu-7" usagecount="3" creationdate="20240102T101500Z" creationid="anna" srclang="ru">
   <!-- a comment -->
   <note>Unit note 1</note>
   <note>Unit note 2</note>
   <prop type="x-domain">politics</prop>
   <tuv xml:lang="ru" usagecount="3">
    <note>Russian note</note>
    <prop type="x-domain">politics</prop>
    <seg>Текст сегмента.</seg>
   </tuv>
   <tuv xml:lang="en">
    <seg>Text of the segment.</seg>
   </tuv>
  </tu>
 </body>
</tmx>
""", "utf-8", b"\xef\xbb\xbf")

write("tmx/inline-codes.tmx", """<?xml version="1.0"?>
<tmx version="1.4">
 <header creationtool="fixture" creationtoolversion="1" datatype="html" segtype="sentence" adminlang="en" srclang="ru" o-tmf="x" >
 </header>
 <body>
  <tu tuid="1">
   <tuv xml:lang="ru"><seg>Большая <bpt i="1" x="1" type="bold">&lt;b></bpt>чёрная<ept i="1">&lt;/b></ept> <bpt i = '2' type	=	'ulined' x="2">&lt;u></bpt>кошка<ept i="2">&lt;/u></ept> спит.</seg></tuv>
   <tuv xml:lang="en"><seg>The big <bpt i="2" x="2" type="ulined">&lt;u></bpt>black<ept i="2">&lt;/u></ept> <bpt i="1" x="1" type='bold'>&lt;b></bpt>cat<ept i="1">&lt;/b></ept> sleeps.</seg></tuv>
  </tu>
  <tu tuid="2">
   <tuv xml:lang="ru"><seg>Первое <it pos="begin" x="1" type='bold'	>&lt;b></it>предложение.</seg></tuv>
   <tuv xml:lang="en"><seg>First <it type='bold' pos='begin' x="1">&lt;b></it>sentence.</seg></tuv>
  </tu>
  <tu tuid="3">
   <tuv xml:lang="ru"><seg>Рисунок: <ph x='1' type='image' assoc="p">&lt;img src="a.png"/></ph> и {0} &lt;b></seg></tuv>
   <tuv xml:lang="en"><seg>Picture: <ph x='1' type='image' assoc="p">&lt;img src="a.png"/></ph> and {0} &lt;b></seg></tuv>
  </tu>
  <tu tuid="4">
   <tuv xml:lang="EN"><seg>Some text with <hi x='1' type="term">a highlighted part</hi>.</seg></tuv>
   <tuv xml:lang="RU"><seg>Текст с <hi x='1' type="term">выделенной частью</hi>.</seg></tuv>
  </tu>
 </body>
</tmx>
""", "utf-16-le", b"\xff\xfe")

write("tmx/invalid-inline.tmx", """<?xml version="1.0" encoding="UTF-8" ?>          
<tmx version="1.4">
	<header creationtool="fixture" creationtoolversion="1" datatype="data" segtype="block" adminlang="en" srclang="ru" o-tmf="x"/>
	<body>
		<tu>
			<tuv xml:lang="ru">
				<seg><ept i="1">&lt;/b&gt;</ept>Текст<bpt i="1">&lt;LI&gt;</bpt><bpt i="1" x="1">&lt;b&gt;</bpt></seg>
			</tuv>
			<tuv xml:lang="en">
				<seg><ept i="1">&lt;/b&gt;</ept>Text<bpt i="1">&lt;LI&gt;</bpt><bpt i="1" x="1">&lt;b&gt;</bpt></seg>
			</tuv>
		</tu>
	</body>
</tmx>
""")

write("tmx/uppercase-3langs.tmx", """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
<header adminlang="en" srclang="RU-RU">
</header>
<body>
<tu>
<tuv xml:lang="DE-DE">
<seg>Wenn die Funktion installiert ist</seg>
</tuv>
<tuv xml:lang="EN-US">
<seg>If the function is installed</seg>
</tuv>
<tuv xml:lang="RU-RU">
<seg>Если функция установлена</seg>
</tuv>
</tu>
</body>
</tmx>
""")

write("tmx/windows-1251.tmx", """<?xml version="1.0" encoding="windows-1251"?>
<tmx version="1.4"><header creationtool="fixture" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="ru" o-tmf="x"/>
<body><tu><tuv xml:lang="ru"><seg>Астана — столица</seg></tuv><tuv xml:lang="en"><seg>Astana is the capital</seg></tuv></tu></body></tmx>
""", "cp1251")

write("tmx/entity-bomb.tmx", """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<tmx version="1.4"><header srclang="ru"/><body>
<tu><tuv xml:lang="ru"><seg>&b;</seg></tuv><tuv xml:lang="en"><seg>&ext;</seg></tuv></tu>
</body></tmx>
""")

write("tmx/malformed.tmx", """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="ru"/>
<body>
<tu><tuv xml:lang="ru"><seg>Да</seg></tuv>
<tuv xml:lang="en"><seg>Yes</tuv></tu>
</body></tmx>
""")

# --- TBX -------------------------------------------------------------------------------
write("tbx/v3-min.tbx", """<?xml version="1.0" encoding="utf-8"?>
<?xml-model href="core.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx type="TBX-Min" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
	<tbxHeader><fileDesc><sourceDesc><p>fixture</p></sourceDesc></fileDesc></tbxHeader>
	<text>
		<body>
			<conceptEntry id="csto">
				<note>Treaty organisation,
					founded 2002.</note>
				<langSec xml:lang="ru">
					<termSec><term>Организация Договора о коллективной безопасности</term></termSec>
					<termSec><term>ОДКБ</term></termSec>
				</langSec>
				<langSec xml:lang="en">
					<termSec><term>CSTO</term><termNote type="usageStatus">admitted</termNote></termSec>
					<termSec><term>Collective Security Treaty Organization</term><termNote type="usageStatus">preferred</termNote></termSec>
					<termSec><term>Tashkent Pact</term><termNote type="usageStatus">deprecated</termNote></termSec>
				</langSec>
			</conceptEntry>
			<conceptEntry id="de-only">
				<langSec xml:lang="de"><termSec><term>Vertrag</term></termSec></langSec>
			</conceptEntry>
		</body>
	</text>
</tbx>
""", "utf-8", b"\xef\xbb\xbf")

write("tbx/broken.tbx", """<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Min" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
	<text>
		<body>
			<conceptEntry id="c1">
				<langSec xml:lang="ru">
					<termSec>
						<term>забытый закрывающий тег
					</termSec>
				</langSec>
			</conceptEntry>
		</body>
	</text>
</tbx>
""")

write("tbx/martif-tig-doctype.tbx", """<?xml version='1.0'?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<!-- comment before the root -->
<martif type="TBX" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>fixture</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="eaeu"> <descrip type="subjectField">economy</descrip> <descrip type="definition">A union of five states.</descrip>
<langSet xml:lang="ru"> <tig> <term>Евразийский экономический союз</term> <termNote type="termType">fullForm</termNote> </tig> <tig><term>ЕАЭС</term><termNote type="termType">acronym</termNote></tig> </langSet>
<langSet xml:lang="en"> <tig> <term>Eurasian Economic Union</term> <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote> </tig> <tig><term>EAEU</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig> <tig><term>Eurasian Union</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text></martif>
""", "utf-8", b"\xef\xbb\xbf")

write("tbx/ntig-termgrp-1251.tbx", """<?xml version="1.0" encoding="windows-1251"?>
<martif type="TBX" xml:lang="EN">
<text><body>
<termEntry id="akorda">
<langSet xml:lang="RU"><ntig><termGrp><term>Акорда</term><termNote type="termType">entryTerm</termNote></termGrp></ntig>
<ntig><termGrp><term>резиденция &#x043F;резидента</term><termNote type="termType">synonym</termNote></termGrp></ntig></langSet>
<langSet xml:lang="EN"><ntig><termGrp><term>Akorda</term></termGrp></ntig>
<ntig><termGrp><term>Ak Orda</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig></langSet>
</termEntry>
</body></text></martif>
""", "cp1251")

write("tbx/martif-v3ns-obsolete.tbx", """<?xml version="1.0" encoding="UTF-8"?>
<martif xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="en" type="TBX">
  <text><body>
    <termEntry id="e1">
      <descrip type="definition">Superseded name.</descrip>
      <langSet xml:lang="ru"><tig><term>Целиноград</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>Tselinograd</term><termNote type="administrativeStatus">obsolete</termNote></tig></langSet>
    </termEntry>
    <termEntry id="e2">
      <descrip type="Translation needed">No</descrip>
      <langSet xml:lang="ru"><tig><term>SYS_ERR_406</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>SYS_ERR_406</term><note from="developer">Do not translate error codes.</note></tig></langSet>
    </termEntry>
  </body></text>
</martif>
""")

# --- XLIFF 1.2 -------------------------------------------------------------------------
write("xliff12/en-ru.xlf", """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
    <file source-language="en" target-language="ru" datatype="plaintext" original="file.ext">
        <body>
            <trans-unit id="1">
                <source>Invalid credentials.</source>
                <target>Недействительные учётные данные.</target>
            </trans-unit>
            <trans-unit id="3">
                <source>Too many failed attempts, try again in %minutes% minutes.</source>
                <target>Слишком много попыток, повторите через %minutes% минуту.|Слишком много попыток, повторите через %minutes% минуты.|Слишком много попыток, повторите через %minutes% минут.</target>
            </trans-unit>
        </body>
    </file>
</xliff>
""")

write("xliff12/mislabeled-segsource.xlf", """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
<file original="a.po" source-language="en" target-language="fr" datatype="x-application/x-gettext" okp:inputEncoding="windows-1251">
<body>
<trans-unit id="1" approved="yes" xml:space="preserve">
<source xml:lang="en">Indents and wraps HTML. Also gives debugging information.</source>
<seg-source><mrk mid="0" mtype="seg">Indents and wraps HTML.</mrk><mrk mid="1" mtype="seg"> Also gives debugging information.</mrk></seg-source>
<target xml:lang="fr"><mrk mid="0" mtype="seg">Выравнивает и переносит HTML.</mrk><mrk mid="1" mtype="seg"> Также выдаёт отладочную информацию.</mrk></target>
</trans-unit>
<trans-unit id="2" xml:space="preserve">
<source xml:lang="en">&lt;p&gt;Upload the images.&lt;/p&gt;</source>
<target xml:lang="fr">&lt;p&gt;Загрузите изображения.&lt;/p&gt;</target>
</trans-unit>
<trans-unit id="3" xml:space="preserve">
<source xml:lang="en">Untranslated</source>
</trans-unit>
</body>
</file>
</xliff>
""")

write("xliff12/cyrillic-source-en-ph.xlf", """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="t.tex" source-language="en" target-language="en" datatype="x-text/x-tex-text">
<body>
<trans-unit id="tu1" xml:space="preserve">
<source xml:lang="en">  Это вводный  абзац.<ph id="1" ctype="x-COMMAND">
</ph><ph id="2" ctype="x-COMMAND">\\end{abstract}</ph></source>
<target xml:lang="en">  This is the introductory  paragraph.<ph id="1" ctype="x-COMMAND">
</ph><ph id="2" ctype="x-COMMAND">\\end{abstract}</ph></target>
</trans-unit>
</body>
</file>
</xliff>
""")

write("xliff12/cdata-multifile.xlf", """<?xml version="1.0" encoding="UTF-8"?>
<xliff version='1.2' xmlns="urn:oasis:names:tc:xliff:document:1.2">
    <file target-language="en" source-language="ru" original="a.txt" datatype='plaintext'>
        <body>
            <trans-unit id="id1"><source>Не переведено</source></trans-unit>
        </body>
    </file>
    <file target-language='en' source-language='ru' original='b.txt' datatype="plaintext">
        <body>
            <group id="g1">
                <trans-unit id="id2">
                    <source><![CDATA[Это <тест> & всё]]></source>
                    <target state="translated"><![CDATA[This is a <test> & all]]></target>
                    <note>CDATA unit</note>
                </trans-unit>
            </group>
            <trans-unit id="id3">
                <source>Да <g id="1" ctype="bold">жирный</g><x id="2"/></source>
                <target state="needs-review-translation">Yes <g id="1" ctype="bold">bold</g><x id="2"/></target>
            </trans-unit>
        </body>
    </file>
</xliff>
""")

# --- XLIFF 2.0 -------------------------------------------------------------------------
write("xliff20/groups-mda.xlf", """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"
       xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="ru" trgLang="en">
  <file id="f1">
    <group id="g1">
      <mda:metadata><mda:metaGroup category="x"><mda:meta type="status">draft</mda:meta></mda:metaGroup></mda:metadata>
      <group id="g2">
        <unit id="u1">
          <segment>
            <source><sc id='1' isolated='yes'/>Птицы высокогорья</source>
            <target><sc id='1' isolated='yes'/>High Altitude Birds</target>
          </segment>
        </unit>
        <unit id="u2">
          <segment>
            <source>Орегон — штат с умеренным
            климатом.</source>
          </segment>
        </unit>
      </group>
    </group>
  </file>
</xliff>
""")

write("xliff20/notes-ignorable-order.xlf", """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en" xmlns:my="myNamespace" my:attr="v">
 <file id="f1" original="doc.txt" xml:space="preserve">
  <skeleton>
   skeleton data
  </skeleton>
  <unit id="tu1" my:attr="v">
   <notes><note id="n1" category="c">Unit note</note></notes>
   <segment id="1" state="final">
    <source>Пример сегмента.</source>
    <target order="2">Sample segment.</target>
   </segment>
   <ignorable><source> </source></ignorable>
   <segment id="2">
    <source>Второй сегмент.</source>
    <target order="1">Second segment.</target>
   </segment>
  </unit>
 </file>
</xliff>
""")

write("xliff20/pc-originaldata.xlf", """<?xml version="1.0" encoding="UTF-8"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ru-RU" trgLang="en-US" version="2.0">
<file id="f1">
<unit id="37">
<originalData>
<data id="d1">&lt;p&gt;</data>
<data id="d2">&lt;/p&gt;</data>
<data id="d3">&lt;br/&gt;</data>
</originalData>
<segment>
<source><pc canCopy="no" canDelete="no" dataRefEnd="d2" dataRefStart="d1" id="0"> другого размера или цвета.</pc><ph id="1" dataRef="d3"/></source>
<target><pc canCopy="no" canDelete="no" dataRefEnd="d2" dataRefStart="d1" id="0"> in another size or colour.</pc><ph id="1" dataRef="d3"/></target>
</segment>
</unit>
</file>
</xliff>
""")

# --- glossaries ------------------------------------------------------------------------
write("tsv/glossary.tab", "ОДКБ\tCSTO\nСтрока\tRow\tв таблице\nстрока\tLine\thttps://example.org/glossary#line\nАкорда\tAkorda\n")
write("tsv/magic-bom.tab", "# -*- coding: utf-8 -*-\n", "utf-8", b"\xef\xbb\xbf")
write("tsv/utf16le-crlf.txt", "ЕАЭС\tEAEU\tComment #1\r\nСНГ\tCIS\tComment #2\r\n", "utf-16-le", b"\xff\xfe")
write("tsv/quoting.csv", 'ОДКБ,CSTO\n"Астана, столица",Astana\n"""Нур Отан""",Nur Otan,"note, with comma"\n"""""к",k\n"а""б",ab\n')
print("fixtures written to", OUT)
