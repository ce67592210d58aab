"""The command line's help in Dutch (the default language) and English.

The English help is written where the commands are defined (and is what the
documentation shows). :func:`set_help_language` swaps every command's and option's
help for its Dutch text before click prints it; a test checks that every help text
has a Dutch one. The language is that of ``--lang`` when given on the command line,
else ``TRANSITIONS_LANG``, else Dutch, the language of the output.
"""

from __future__ import annotations

import os

import click

__all__ = ["set_help_language", "help_language", "COMMANDS_NL", "OPTIONS_NL"]

#: Dutch help per command (path without "transitions"): (short help, full help).
COMMANDS_NL = {
    "": (None, """Loonneutrale overstappen voor werkenden van wie het beroep krimpt door digitalisering.

Elke opdracht werkt met de ingebouwde, illustratieve Nederlandse voorbeeldgegevens, tenzij
--data een taxonomie noemt die met 'transitions data import' is geïmporteerd. De uitvoer is
standaard Nederlands; --lang en geeft Engels. Resultaten verschijnen als tabel, of als JSON
of CSV met --format; 'advise --format html' schrijft de afdrukbare adviespagina.

\b
Voorbeelden:
  transitions search boekhouder
  transitions advise --occupation boekhouder
  transitions advise --occupation boekhouder --skill SQL --format html -o advies.html
  transitions at-risk --lang en
  transitions data import esco ESCO-MAP --labels nl=NEDERLANDSE-MAP
  transitions advise --data esco --occupation kassière --skill SQL

\b
Afsluitcodes: 0 gelukt, 2 onjuiste invoer (één regel zegt wat er mis is), 1 fout."""),
    "data": ("ESCO, O*NET en arbeidsmarktgegevens importeren; tonen wat geladen is.",
             "Officiële gegevens in de cache importeren en tonen wat geladen is."),
    "data import": ("Een bron in de cache importeren en onthouden voor --data.",
                    """BRON uit PAD in de cache importeren en onthouden voor --data.

\b
BRON is een van:
  esco    de officiële ESCO-download in CSV (map of zip: classificatie + relaties)
  onet    de tekstbestanden van de O*NET-database (map)
  labour  een map met arbeidsmarkttabellen (CBS, ROA, Eurostat, kruistabellen,
          risico-indicatoren), ingedeeld zoals beschreven op de pagina over de bronnen

\b
Voorbeelden:
  transitions data import esco ./esco-v1.1.1 --labels nl=./esco-nl
  transitions data import onet ./onet/29.3
  transitions data import labour ./arbeidsmarkt"""),
    "data info": ("De gegevensmap, de imports en de aantallen van de taxonomie tonen.",
                  """De gegevensmap tonen, wat er geïmporteerd is en de aantallen van de gekozen
taxonomie.

\b
Voorbeelden:
  transitions data info
  transitions data info --data esco --format json"""),
    "data fetch": ("Een openbare bron (O*NET, BLS, CBS, Eurostat) downloaden en importeren.",
                   """BRON downloaden zoals de uitgever die publiceert, in de gegevensmap, en importeren.

\b
BRON is een van:
  onet      de O*NET-database (tekstbestanden, zip met versie)
  bls       BLS OEWS landelijke lonen en Employment Projections (arbeidsmarkt VS)
  cbs       CBS 85517NED en 85276NED (OData-API) en de kruistabel ISCO-BRC 2014
  eurostat  Eurostat lfsa_egai2d, werkgelegenheid naar beroep, Nederland (SDMX-CSV)

Elk bestand wordt naar een tijdelijk bestand geschreven en pas op zijn plaats gezet als het
compleet is; de SHA-256 en de versie van de bron staan in <gegevensmap>/downloads.json.
Bronnen zonder vaste downloadadres (ESCO, ROA) download u zelf: zie
'transitions data check esco' en 'transitions data import'.

\b
Voorbeelden:
  transitions data fetch onet
  transitions data fetch bls
  transitions advise --data onet --occupation "bookkeeping clerk\""""),
    "data check": ("Nagaan of een zelf gedownloade bron (ESCO) compleet is.",
                   """Een ESCO-download (map of zip) controleren en zeggen wat ontbreekt, vóór het importeren.

Toont elk bestand dat de import leest (verplicht of optioneel), met rijen en kolommen, en of
de zips byte voor byte gelijk zijn aan een bekende officiële uitgave. Stopt met status 1 als
een verplicht bestand of een verplichte kolom ontbreekt.

\b
Voorbeeld:
  transitions data check esco "./ESCO dataset - v1.1.1\""""),
    "advise": ("Overstapopties voor een werkende: tabel, JSON, CSV of adviespagina.",
               """De loonneutrale overstapopties van een werkende rangschikken, met per optie de
vaardigheden om te leren.

De werkende wordt beschreven met opties, met een JSON/YAML-bestand (--profile), of
allebei. Met --format html is het resultaat de afdrukbare adviespagina (standaard
Nederlands): het huidige beroep en het risico ervan, de beste opties met hun loon ten
opzichte van nu, wat de werkende meebrengt, wat nog ontbreekt (digitaal per
DigComp-gebied), opstapberoepen en wat eerst te leren.

\b
Voorbeelden:
  transitions advise --occupation boekhouder
  transitions advise --occupation boekhouder --skill SQL --skill "data visualiseren" \\
      --format html -o advies.html
  transitions advise --data esco --occupation kassière --skill SQL \\
      --skill "software voor spreadsheets gebruiken" --format html -o advies.html
  transitions advise --profile werkende.yaml --format json
  transitions advise --batch caseload.csv --format csv -o opties.csv"""),
    "search": ("Beroepen zoeken op een Nederlandse of Engelse titel.",
               """Beroepen zoeken op een Nederlandse of Engelse titel zoals mensen die typen
(vrouwelijke vormen, samenstellingen, spaties en streepjes): eerst gelijke namen, dan
gelijke andere namen, dan op woorden, beroepsgroep of gelijkenis.

\b
Voorbeelden:
  transitions search boekhoudster
  transitions search "callcenter medewerker" --limit 5
  transitions search bookkeeper --lang en --format json"""),
    "skills": ("Vaardigheden zoeken op naam (voor --skill).",
               "Vaardigheden op naam: de vaardigheid vinden die een werkende heeft, om die met "
               "--skill op te geven."),
    "skills search": ("Vaardigheden zoeken op een Nederlandse of Engelse naam.",
                      """Vaardigheden zoeken op een Nederlandse of Engelse naam (gelijke namen, andere
namen, dan op woorden en gelijkenis). Geef de naam, of de id, aan --skill.

\b
Voorbeelden:
  transitions skills search SQL
  transitions skills search spreadsheets --data esco
  transitions skills search "data visualiseren" --format json"""),
    "at-risk": ("Beroepen met risico door digitalisering, met redenen.",
                """De beroepen met risico door digitalisering (routinewerk; de trend van de
werkgelegenheid geeft de zekerheid), met de redenen en het bewijs erachter, hoogste risico
eerst.

\b
Voorbeelden:
  transitions at-risk
  transitions at-risk --all --format csv -o risico.csv
  transitions at-risk --data esco --lang en --limit 20"""),
    "paths": ("Opstapberoepen: routes van 2-3 loonneutrale stappen.",
              """Opstapberoepen: overstappen in 2-3 stappen, elk zonder loonverlies, met de
vaardigheden om onderweg te leren.

\b
Voorbeelden:
  transitions paths --occupation data-invoerder
  transitions paths --occupation boekhouder --max-steps 2 --format json"""),
    "skills-to-learn": ("Vaardigheden die een werkende de meeste extra opties geven.",
                        """De vaardigheden en DigComp-competenties die, als de werkende ze leert, de meeste
extra veilige opties zonder loonverlies openen.

\b
Voorbeelden:
  transitions skills-to-learn --occupation kassamedewerker
  transitions skills-to-learn --occupation boekhouder --digcomp 3=2 --format csv"""),
    "coverage": ("Aandeel werkenden met een goede optie zonder loonverlies.",
                 """Het kerncijfer voor de beroepsbevolking: het aandeel werkenden met minstens één
goede overstapoptie zonder loonverlies, het gemiddelde en de mediaan van het aantal
opties en het aandeel zonder; voor iedereen en voor de beroepen met risico, en hoe dat
verschuift met de drempels.

\b
Voorbeelden:
  transitions coverage
  transitions coverage --data esco --wage-ratio-grid 0.95 --wage-ratio-grid 1.05
  transitions coverage --by occupation --format csv -o opties-per-beroep.csv"""),
    "graph": ("Naaste beroepen; de graaf exporteren (GraphML, CSV).",
              "De beroepengraaf: naaste beroepen, en export voor Gephi en andere programma's."),
    "graph neighbors": ("De beroepen die het dichtst bij een beroep liggen.",
                        """De beroepen die het dichtst bij BEROEP (id, code of titel) liggen naar overlap in
vaardigheden, met de gedeelde en ontbrekende vaardigheden.

\b
Voorbeelden:
  transitions graph neighbors boekhouder
  transitions graph neighbors occ-cashier -k 5 --format json"""),
    "graph export": ("De graaf schrijven als GraphML of als CSV-lijst van verbindingen.",
                     """De uitgedunde beroepengraaf exporteren als GraphML (Gephi, Cytoscape, networkx) of
als CSV-lijst van verbindingen, met namen in de gekozen taal.

\b
Voorbeelden:
  transitions graph export -o beroepen.graphml
  transitions graph export -o verbindingen.csv --top-k 20 --data esco"""),
}

#: Dutch help per option, keyed by its English help text.
OPTIONS_NL = {
    "Show full tracebacks and Python warnings on errors.":
        "Bij fouten de volledige traceback en Python-waarschuwingen tonen.",
    "List every data-quality warning about the sources (by default only their number; "
    "'data import' and 'data info' always list them).":
        "Elke waarschuwing over de kwaliteit van de bronnen tonen (standaard alleen hun aantal; "
        "'data import' en 'data info' tonen ze altijd).",
    "Show the version and exit.": "De versie tonen en stoppen.",
    "Show this message and exit.": "Deze hulptekst tonen en stoppen.",
    "ESCO only: a folder or zip of label files in another language, e.g. nl=./esco-nl. "
    "Repeatable.":
        "Alleen ESCO: een map of zip met namen in een andere taal, bijv. nl=./esco-nl. "
        "Herhaalbaar.",
    "Taxonomy to use: the embedded illustrative sample, or ESCO / O*NET as imported with "
    "'transitions data import' (env TRANSITIONS_DATASET).":
        "Welke taxonomie: de ingebouwde illustratieve voorbeeldgegevens, of ESCO / O*NET zoals "
        "geïmporteerd met 'transitions data import' (omgevingsvariabele TRANSITIONS_DATASET).",
    "Add the skills, occupations and links of an extension folder (the documented CSV schema) "
    "to the taxonomy. Repeatable.":
        "De vaardigheden, beroepen en koppelingen van een uitbreidingsmap (het beschreven "
        "CSV-schema) aan de taxonomie toevoegen. Herhaalbaar.",
    "Language of labels, headings and explanations (env TRANSITIONS_LANG).":
        "Taal van namen, kopjes, toelichtingen en hulptekst (omgevingsvariabele "
        "TRANSITIONS_LANG).",
    "Output format.": "Uitvoerformaat.",
    "A JSON or YAML file with the worker's profile (keys: occupation, skills, lacking, digcomp, "
    "wage, min_wage_ratio, exclude_at_risk, max_steps, exclude, profile_id, name). Flags given "
    "as well override or add to it.":
        "Een JSON- of YAML-bestand met het profiel van de werkende (sleutels: 'occupation', "
        "'skills', 'lacking', 'digcomp', 'wage', 'min_wage_ratio', 'exclude_at_risk', "
        "'max_steps', 'exclude', 'profile_id', 'name'). Opties die ook gegeven zijn, "
        "vervangen of vullen het aan.",
    "Current occupation: an id, an ISCO/SOC code or a Dutch or English title, e.g. boekhouder.":
        "Huidig beroep: een id, een ISCO/SOC-code of een Nederlandse of Engelse titel, bijv. "
        "boekhouder of kassière.",
    "A skill the worker has beyond their occupation's: its exact Dutch or English name (e.g. "
    "SQL) or its id; 'transitions skills search' finds names. Repeatable.":
        "Een vaardigheid die de werkende heeft naast die van het beroep: de precieze "
        "Nederlandse of Engelse naam (bijv. SQL) of de id; 'transitions skills search' vindt "
        "namen. Herhaalbaar.",
    "A skill of their occupation the worker does not have (name or id). Repeatable.":
        "Een vaardigheid van het beroep die de werkende niet heeft (naam of id). Herhaalbaar.",
    "Self-assessed DigComp 2.2 level (1-8) for a competence (1.3=4) or a whole area (3=2). "
    "Repeatable.":
        "Zelf ingeschat DigComp 2.2-niveau (1-8) voor een competentie (1.3=4) of een heel "
        "gebied (3=2). Herhaalbaar.",
    "Current gross hourly wage in euros [default: the occupation's median].":
        "Huidig bruto uurloon in euro [standaard: de mediaan van het beroep].",
    "Lowest acceptable pay as a share of the current pay [default: 1.0, salary-neutral; 0.95 "
    "accepts 5% less].":
        "Laagste aanvaardbare loon als deel van het huidige loon [standaard: 1.0, loonneutraal; "
        "0.95 aanvaardt 5% minder].",
    "Also propose destinations that are themselves at risk.":
        "Ook beroepen voorstellen die zelf risico lopen.",
    "Most steps in a switch path, 1-3 [default: 3].":
        "Meeste stappen in een overstaproute, 1-3 [standaard: 3].",
    "An occupation not to propose. Repeatable.": "Een beroep om niet voor te stellen. "
                                                 "Herhaalbaar.",
    "The worker's name, shown on the advice page only.":
        "De naam van de werkende, alleen op de adviespagina getoond.",
    "Number of options to show [default: 10; 5 on the advice page].":
        "Aantal opties om te tonen [standaard: 10; 5 op de adviespagina].",
    "With --batch: processes to use (-1: all cores).":
        "Met --batch: aantal processen (-1: alle kernen).",
    "A CSV file of many profiles (one row each; columns as the profile keys, lists separated "
    "by '|'): options for all of them, with a progress bar.":
        "Een CSV-bestand met veel profielen (één rij per profiel; kolommen als de sleutels van "
        "een profiel, lijsten gescheiden door '|'): opties voor allemaal, met voortgangsbalk.",
    "Output format: a table for people, JSON or CSV for programs, a printable HTML advice page.":
        "Uitvoerformaat: een tabel voor mensen, JSON of CSV voor programma's, een afdrukbare "
        "HTML-adviespagina.",
    "Write to this file instead of standard output (a file is replaced atomically and keeps "
    "its permissions; a device or FIFO is written in place).":
        "Naar dit bestand schrijven in plaats van naar het scherm (een bestand wordt in één "
        "keer vervangen en houdt zijn rechten; naar een apparaat of FIFO wordt direct "
        "geschreven).",
    "Most candidates to show.": "Meeste kandidaten om te tonen.",
    "Output format: a table for people, JSON or CSV for programs.":
        "Uitvoerformaat: een tabel voor mensen, JSON of CSV voor programma's.",
    "List every occupation with its verdict, not only those at risk.":
        "Elk beroep met zijn oordeel tonen, niet alleen die met risico.",
    "Routine task intensity (standardised) above which work counts as routine [default: 0.5].":
        "Routine-intensiteit van het werk (gestandaardiseerd) waarboven werk als routinematig "
        "telt [standaard: 0.5].",
    "Employment change in percent per year at or below which an occupation counts as shrinking "
    "[default: -0.5].":
        "Verandering van de werkgelegenheid in procent per jaar waarop of waaronder een beroep "
        "als krimpend telt [standaard: -0.5].",
    "Show at most this many.": "Hoogstens zoveel tonen.",
    "Download from a mirror that keeps the publishers' paths (URL/host/path), e.g. an internal "
    "server (env TRANSITIONS_MIRROR).":
        "Downloaden van een spiegel die de paden van de uitgevers aanhoudt (URL/host/pad), "
        "bijv. een interne server (omgevingsvariabele TRANSITIONS_MIRROR).",
    "With --batch: processes to use (-1: all cores) [default: 1; with --scheduler all the "
    "cluster's workers].":
        "Met --batch: aantal processen (-1: alle kernen) [standaard: 1; met --scheduler alle "
        "werkers van het cluster].",
    "A CSV (or Parquet) file of many profiles (one row each; columns as the profile keys, lists "
    "separated by '|'; every cell read as text, so ids like 007 stay as written): options for "
    "all of them, one row per worker at least (status says why a worker has none), streamed in "
    "chunks with a progress bar. With -o FILE.parquet the rows are written as Parquet.":
        "Een CSV- (of Parquet-)bestand met veel profielen (één rij per profiel; kolommen als de "
        "sleutels van een profiel, lijsten gescheiden door '|'; elke cel gelezen als tekst, dus "
        "ids als 007 blijven zoals geschreven): opties voor allemaal, minstens één rij per "
        "werkende ('status' zegt waarom iemand er geen heeft), in delen verwerkt met een "
        "voortgangsbalk. Met -o BESTAND.parquet worden de rijen als Parquet geschreven.",
    "With --batch: run on the Dask cluster whose scheduler is at ADDRESS (e.g. "
    "tcp://10.0.0.5:8786; needs the 'distributed' extra). --jobs then defaults to all of its "
    "workers (env TRANSITIONS_SCHEDULER).":
        "Met --batch: draaien op het Dask-cluster met de scheduler op ADRES (bijv. "
        "tcp://10.0.0.5:8786; vraagt de extra 'distributed'). --jobs is dan standaard al zijn "
        "werkers (omgevingsvariabele TRANSITIONS_SCHEDULER).",
    "What flags an occupation: routine work, with the employment trend as the confidence, or "
    "routine work AND shrinking employment [default: routine].":
        "Wat een beroep als risico aanmerkt: routinewerk, met de trend van de werkgelegenheid "
        "als zekerheid, of routinewerk EN krimpende werkgelegenheid [standaard: routine].",
    "Number of paths to show.": "Aantal routes om te tonen.",
    "Number of skills to show.": "Aantal vaardigheden om te tonen.",
    "The headline table, or the number of options per occupation (with its workers).":
        "Het kerncijfer, of het aantal opties per beroep (met het aantal werkenden).",
    "Only the default thresholds, without the rows that vary them.":
        "Alleen de standaarddrempels, zonder de rijen die ze variëren.",
    "A bound on the months of learning to try in the sensitivity rows. Repeatable [default: "
    "the library's grid, 6 12 18 24 36].":
        "Een grens aan de maanden leren om te proberen in de gevoeligheidsrijen. Herhaalbaar "
        "[standaard: het raster van de bibliotheek, 6 12 18 24 36].",
    "A number of carried-over skills to try in the sensitivity rows. Repeatable [default: "
    "the library's grid, 2 3 5].":
        "Een aantal vaardigheden dat de werkende al heeft, om te proberen in de "
        "gevoeligheidsrijen. Herhaalbaar [standaard: het raster van de bibliotheek, 2 3 5].",
    "A wage floor (share of current pay) to try in the sensitivity rows. Repeatable [default: "
    "the library's grid, 0.9 0.95 1 1.05].":
        "Een loonondergrens (deel van het huidige loon) om te proberen in de "
        "gevoeligheidsrijen. Herhaalbaar [standaard: het raster van de bibliotheek, "
        "0.9 0.95 1 1.05].",
    "Most months of learning a good option may need, by the effort heuristic [default: 36].":
        "Hoeveel maanden leren een goede optie hoogstens mag vragen, volgens de schatting "
        "van de inspanning [standaard: 36].",
    "Essential skills of a destination the worker must already have ... [default: 3].":
        "Kernvaardigheden van een bestemming die de werkende al moet hebben ... "
        "[standaard: 3].",
    "... or this share of them, and never only one skill [default: 0.3].":
        "... of dit deel ervan, en nooit maar één vaardigheid [standaard: 0.3].",
    "An extra floor on the graph's skill similarity [default: 0, none].":
        "Een extra ondergrens voor de overlap in vaardigheden volgens de graaf "
        "[standaard: 0, geen].",
    "Only destinations in demand (kansrijk): a tight market now or a large expected shortage "
    "(ROA); for the US a high openings rate.":
        "Alleen kansrijke bestemmingen: nu een krappe arbeidsmarkt of een groot verwacht "
        "tekort (ROA); voor de VS veel vacatures per werkende.",
    "Number of neighbours.": "Aantal buren.",
    "File to write (.graphml or .csv).": "Bestand om te schrijven (.graphml of .csv).",
    "File format [default: from the file name's extension].":
        "Bestandsformaat [standaard: volgens de extensie van de bestandsnaam].",
    "Keep each occupation's k most similar destinations.":
        "Per beroep de k meest gelijkende bestemmingen bewaren.",
    "Also drop edges whose similarity is below this.":
        "Ook verbindingen weglaten waarvan de overlap hieronder ligt.",
}

#: click's own words in help pages.
_WORDS_NL = {"Usage:": "Gebruik:", "Options": "Opties", "Commands": "Opdrachten",
             "default": "standaard", "required": "verplicht"}
#: click's names of value types and usage placeholders.
_METAVARS_NL = (("[OPTIONS]", "[OPTIES]"), ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."),
                ("INTEGER RANGE", "GETAL"), ("FLOAT RANGE", "GETAL"), ("INTEGER", "GETAL"),
                ("FLOAT", "GETAL"), ("TEXT", "TEKST"), ("FILE", "BESTAND"),
                ("DIRECTORY", "MAP"), ("PATH", "PAD"), ("FOLDER", "MAP"), ("QUERY", "ZOEKTEKST"),
                ("SOURCE", "BRON"), ("OCCUPATION_ID", "BEROEP-ID"), ("OCCUPATION", "BEROEP"),
                ("SKILL", "VAARDIGHEID"), ("CODE=LEVEL", "CODE=NIVEAU"), ("LANG=PATH", "TAAL=PAD"),
                ("ADDRESS", "ADRES"), ("URL", "URL"))
_ORIGINAL = "_transitions_help_en"


def _metavars(text):
    for en, nl in _METAVARS_NL:
        text = text.replace(en, nl)
    return text


def help_language(args):
    """The language help is written in: ``--lang`` in ``args``, else ``TRANSITIONS_LANG``, else
    Dutch."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in ("nl", "en") else "nl"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("nl", "en") else "nl"
    env = os.environ.get("TRANSITIONS_LANG")
    return env if env in ("nl", "en") else "nl"


def _commands(group, path=""):
    yield path, group
    if isinstance(group, click.Group):
        for name, sub in group.commands.items():
            yield from _commands(sub, f"{path} {name}".strip())


def set_help_language(cli, lang):
    """Give every command and option of ``cli`` its help in ``lang`` (English: as written)."""
    HelpFormatter.lang = lang
    for path, cmd in _commands(cli):
        cmd.context_class = _Context
        original = getattr(cmd, _ORIGINAL, None)
        if original is None:
            original = (cmd.short_help, cmd.help)
            setattr(cmd, _ORIGINAL, original)
        short, full = original
        if lang == "nl" and path in COMMANDS_NL:
            short_nl, full = COMMANDS_NL[path]
            short = short_nl or short
        cmd.short_help, cmd.help = short, full
        for param in cmd.params:
            en = getattr(param, _ORIGINAL, None)
            if en is None and getattr(param, "help", None):
                en = param.help
                setattr(param, _ORIGINAL, en)
            if en:
                param.help = OPTIONS_NL.get(en, en) if lang == "nl" else en


class HelpFormatter(click.HelpFormatter):
    """click's help formatter with its few own words in the help language."""

    lang = "nl"

    def _t(self, text):
        return _WORDS_NL.get(text, text) if self.lang == "nl" else text

    def write_usage(self, prog, args="", prefix=None):
        if self.lang == "nl":
            args = _metavars(args)
        super().write_usage(prog, args, prefix=self._t(prefix or "Usage:") + " ")

    def write_heading(self, heading):
        super().write_heading(self._t(heading))

    def write_dl(self, rows, col_max=30, col_spacing=2):
        if self.lang == "nl":
            rows = [(_metavars(a), OPTIONS_NL.get(b, b).replace("[default: ", "[standaard: ")
                     .replace("[required]", "[verplicht]")) for a, b in rows]
        super().write_dl(rows, col_max, col_spacing)


class _Context(click.Context):
    formatter_class = HelpFormatter
