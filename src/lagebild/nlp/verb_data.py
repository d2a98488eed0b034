"""Tables of German verb conjugation used by `lagebild.nlp.verbs`.

Facts about German, written out for this project: the closed-class paradigms (sein, haben, werden, the modal
verbs, wissen), the strong and mixed verbs with their Präteritum and Konjunktiv II stems, and the verb prefixes.
Everything is spelt with "ss" for "ß"; the analyser folds "ß" to "ss" before looking anything up.
"""

from __future__ import annotations

# --- closed-class paradigms -------------------------------------------------------------------------------------
# One entry per verb; each slot lists the forms for 1sg 2sg 3sg 1pl 2pl 3pl, separated by spaces; alternative
# spellings of one slot are joined with "/". "Präs" = present indicative, "Prät" = Präteritum indicative,
# "K1" = Konjunktiv I, "K2" = Konjunktiv II.
CLOSED_PARADIGMS: dict[str, dict[str, str]] = {
    "sein": {
        "Präs": "bin bist ist sind seid sind",
        "Prät": "war warst/warest war waren wart/waret waren",
        "K1": "sei seist/seiest sei seien seiet seien",
        "K2": "wäre/wär wärst/wärest wäre/wär wären wärt/wäret wären",
    },
    "haben": {
        "Präs": "habe/hab hast hat haben habt haben",
        "Prät": "hatte hattest hatte hatten hattet hatten",
        "K1": "habe habest habe haben habet haben",
        "K2": "hätte hättest hätte hätten hättet hätten",
    },
    "werden": {
        "Präs": "werde wirst wird werden werdet werden",
        "Prät": "wurde/ward wurdest/wardst wurde/ward wurden wurdet wurden",
        "K1": "werde werdest werde werden werdet werden",
        "K2": "würde würdest würde würden würdet würden",
    },
    "können": {
        "Präs": "kann kannst kann können könnt können",
        "Prät": "konnte konntest konnte konnten konntet konnten",
        "K1": "könne könnest könne können könnet können",
        "K2": "könnte könntest könnte könnten könntet könnten",
    },
    "müssen": {
        "Präs": "muss musst muss müssen müsst müssen",
        "Prät": "musste musstest musste mussten musstet mussten",
        "K1": "müsse müssest müsse müssen müsset müssen",
        "K2": "müsste müsstest müsste müssten müsstet müssten",
    },
    "dürfen": {
        "Präs": "darf darfst darf dürfen dürft dürfen",
        "Prät": "durfte durftest durfte durften durftet durften",
        "K1": "dürfe dürfest dürfe dürfen dürfet dürfen",
        "K2": "dürfte dürftest dürfte dürften dürftet dürften",
    },
    "sollen": {
        "Präs": "soll sollst soll sollen sollt sollen",
        "Prät": "sollte solltest sollte sollten solltet sollten",
        "K1": "solle sollest solle sollen sollet sollen",
        # Konjunktiv II of sollen is identical with the Präteritum: the analyser reads it as Ind/Past.
        "K2": "sollte solltest sollte sollten solltet sollten",
    },
    "wollen": {
        "Präs": "will willst will wollen wollt wollen",
        "Prät": "wollte wolltest wollte wollten wolltet wollten",
        "K1": "wolle wollest wolle wollen wollet wollen",
        "K2": "wollte wolltest wollte wollten wolltet wollten",
    },
    "mögen": {
        "Präs": "mag magst mag mögen mögt mögen",
        "Prät": "mochte mochtest mochte mochten mochtet mochten",
        "K1": "möge mögest möge mögen möget mögen",
        "K2": "möchte möchtest möchte möchten möchtet möchten",
    },
    "wissen": {
        "Präs": "weiss weisst weiss wissen wisst wissen",
        "Prät": "wusste wusstest wusste wussten wusstet wussten",
        "K1": "wisse wissest wisse wissen wisset wissen",
        "K2": "wüsste wüsstest wüsste wüssten wüsstet wüssten",
    },
}

# Lemmas some lemmatisers give for forms of the verbs above.
LEMMA_ALIASES: dict[str, str] = {
    "möchten": "mögen",
    "wär": "sein",
    "is": "sein",
}

# --- strong and mixed verbs -------------------------------------------------------------------------------------
# "infinitive  3sg-present  3sg-Präteritum  3sg-Konjunktiv-II[/alternative]"; "-" for a regular 3sg present
# (stem + t), "-" for the Konjunktiv II where it is the same as the weak Präteritum (senden, wenden).
# A trailing "+w" marks verbs that also have weak Präteritum forms in current use (schaffen: schuf / schaffte).
STRONG_VERBS_TEXT = """
backen - buk büke +w
befehlen befiehlt befahl beföhle/befähle
beginnen - begann begänne/begönne
beissen - biss bisse
bergen birgt barg bärge
bersten birst barst bärste
betrügen - betrog betröge
biegen - bog böge
bieten - bot böte
binden - band bände
bitten - bat bäte
blasen bläst blies bliese
bleiben - blieb bliebe
braten brät briet briete
brauchen - brauchte bräuchte
brechen bricht brach bräche
brennen - brannte brennte
bringen - brachte brächte
denken - dachte dächte
dreschen drischt drosch drösche
dringen - drang dränge
empfehlen empfiehlt empfahl empföhle/empfähle
erlöschen erlischt erlosch erlösche
erschrecken erschrickt erschrak erschräke +w
essen isst ass ässe
fahren fährt fuhr führe
fallen fällt fiel fiele
fangen fängt fing finge
fechten ficht focht föchte
finden - fand fände
flechten flicht flocht flöchte
fliegen - flog flöge
fliehen - floh flöhe
fliessen - floss flösse
fressen frisst frass frässe
frieren - fror fröre
gären - gor göre +w
gebären gebiert gebar gebäre
geben gibt gab gäbe
gedeihen - gedieh gediehe
gehen - ging ginge
gelingen - gelang gelänge
gelten gilt galt gälte/gölte
genesen - genas genäse
geniessen - genoss genösse
geschehen geschieht geschah geschähe
gewinnen - gewann gewänne/gewönne
giessen - goss gösse
gleichen - glich gliche
gleiten - glitt glitte
glimmen - glomm glömme +w
graben gräbt grub grübe
greifen - griff griffe
halten hält hielt hielte
hängen - hing hinge +w
hauen - hieb hiebe +w
heben - hob höbe
heissen - hiess hiesse
helfen hilft half hülfe/hälfe
kennen - kannte kennte
klingen - klang klänge
kneifen - kniff kniffe
kommen - kam käme
kriechen - kroch kröche
laden lädt lud lüde
lassen lässt liess liesse
laufen läuft lief liefe
leiden - litt litte
leihen - lieh liehe
lesen liest las läse
liegen - lag läge
lügen - log löge
meiden - mied miede
melken - molk mölke +w
messen misst mass mässe
misslingen - misslang misslänge
nehmen nimmt nahm nähme
nennen - nannte nennte
pfeifen - pfiff pfiffe
preisen - pries priese
quellen quillt quoll quölle
raten rät riet riete
reiben - rieb riebe
reissen - riss risse
reiten - ritt ritte
rennen - rannte rennte
riechen - roch röche
ringen - rang ränge
rinnen - rann ränne/rönne
rufen - rief riefe
saufen säuft soff söffe
saugen - sog söge +w
schaffen - schuf schüfe +w
scheiden - schied schiede
scheinen - schien schiene
schelten schilt schalt schölte
scheren - schor schöre +w
schieben - schob schöbe
schiessen - schoss schösse
schlafen schläft schlief schliefe
schlagen schlägt schlug schlüge
schleichen - schlich schliche
schleifen - schliff schliffe +w
schliessen - schloss schlösse
schlingen - schlang schlänge
schmeissen - schmiss schmisse
schmelzen schmilzt schmolz schmölze
schneiden - schnitt schnitte
schreiben - schrieb schriebe
schreien - schrie schriee
schreiten - schritt schritte
schweigen - schwieg schwiege
schwellen schwillt schwoll schwölle
schwimmen - schwamm schwämme/schwömme
schwinden - schwand schwände
schwingen - schwang schwänge
schwören - schwor schwüre/schwöre
sehen sieht sah sähe
senden - sandte - +w
singen - sang sänge
sinken - sank sänke
sinnen - sann sänne/sönne
sitzen - sass sässe
speien - spie spiee
spinnen - spann spänne/spönne
sprechen spricht sprach spräche
spriessen - spross sprösse
springen - sprang spränge
stechen sticht stach stäche
stecken - stak stäke +w
stehen - stand stünde/stände
stehlen stiehlt stahl stähle/stöhle
steigen - stieg stiege
sterben stirbt starb stürbe
stinken - stank stänke
stossen stösst stiess stiesse
streichen - strich striche
streiten - stritt stritte
tragen trägt trug trüge
treffen trifft traf träfe
treiben - trieb triebe
treten tritt trat träte
trinken - trank tränke
trügen - trog tröge
tun - tat täte
verderben verdirbt verdarb verdürbe
verdriessen - verdross verdrösse
vergessen vergisst vergass vergässe
verlieren - verlor verlöre
verzeihen - verzieh verziehe
wachsen wächst wuchs wüchse
waschen wäscht wusch wüsche
weben - wob wöbe +w
weichen - wich wiche
weisen - wies wiese
wenden - wandte - +w
werben wirbt warb würbe
werfen wirft warf würfe
wiegen - wog wöge
winden - wand wände
wringen - wrang wränge
ziehen - zog zöge
zwingen - zwang zwänge
"""


def _parse_strong(text: str) -> dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...], bool]]:
    table: dict[str, tuple[str | None, tuple[str, ...], tuple[str, ...], bool]] = {}
    for line in text.strip().splitlines():
        parts = line.split()
        weak_too = parts[-1] == "+w"
        if weak_too:
            parts = parts[:-1]
        infinitive, pres3, praet, konj2 = parts
        table[infinitive] = (
            None if pres3 == "-" else pres3,
            tuple(praet.split("/")),
            () if konj2 == "-" else tuple(konj2.split("/")),
            weak_too,
        )
    return table


# infinitive -> (3sg present or None, Präteritum 3sg forms, Konjunktiv II 3sg forms, also weak)
STRONG_VERBS = _parse_strong(STRONG_VERBS_TEXT)

# --- prefixes ---------------------------------------------------------------------------------------------------
# Prefixes that never separate from the verb (befinden → befand).
INSEPARABLE_PREFIXES = frozenset({"be", "emp", "ent", "er", "ge", "miss", "ver", "zer"})

# Prefixes that may separate (aufstehen → stand ... auf); the ones in both lists (über, unter, um, durch, ...)
# are inseparable in some verbs and separable in others, so the analyser tries both.
SEPARABLE_PREFIXES = frozenset(
    """
    ab an auf aus bei beisammen bereit bevor dabei dafür dagegen daher dahin daneben dar daran darauf
    davon dazu dazwischen drauf durch ein empor entgegen entlang entzwei fehl fern fest fort frei gegen
    gegenüber gleich heim her herab heran herauf heraus herbei herein herüber herum herunter hervor hin hinab
    hinauf hinaus hinein hinter hinterher hinüber hinunter hinweg hinzu hoch kennen klar kund los mit nach
    nieder offen preis statt still teil über um umher unter voll voran voraus vorbei vorher vorüber vor weg
    weiter wider wieder zu zurecht zurück zusammen zuvor zwischen
    """.split()
)

ALL_PREFIXES = INSEPARABLE_PREFIXES | SEPARABLE_PREFIXES

# Verbs that look like a prefix + a strong verb but are weak (beantragen is not be-an-tragen).
WEAK_DESPITE_PREFIX = frozenset(
    {
        "beantragen",
        "beauftragen",
        "veranlassen",
        "beanstanden",
        "bewerkstelligen",
        "begleiten",
        "bereiten",
        "verbreiten",
        "vorbereiten",
        "übernachten",
        "verhandeln",
        "beinhalten",
        "gestalten",
        "veranstalten",
    }
)

# Weak verbs whose forms coincide with a Konjunktiv II of a strong verb (führen / fahren: "führe", "führen",
# "führt"); their paradigms go into the form index so that reading a form without a lemma keeps them indicative.
HOMOGRAPH_WEAK_VERBS = ("führen", "drängen", "tränken", "stählen", "zwängen", "flössen")

# Personal pronouns that can be the subject, with the person/number readings they allow.
SUBJECT_PRONOUNS: dict[str, frozenset[tuple[int, str]]] = {
    "ich": frozenset({(1, "Sing")}),
    "du": frozenset({(2, "Sing")}),
    "er": frozenset({(3, "Sing")}),
    "es": frozenset({(3, "Sing")}),
    "man": frozenset({(3, "Sing")}),
    "sie": frozenset({(3, "Sing"), (3, "Plur")}),
    "wir": frozenset({(1, "Plur")}),
    "ihr": frozenset({(2, "Plur")}),
}
