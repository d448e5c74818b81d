"""A small hand-made knowledge base, in the shape `topics.snapshot` produces, for generation tests.

Its wording follows the course notes. Some items are here to trip the generator up: Rykov and
Tomsky share a role on the Right, Yezhov and Beria both ran the NKVD, the NEP's definition spells
out its own name, two 1932 events and two 1930 events must never share an ordering set, one quote
has no known speaker, and Beria is named inside the quote about him.
"""

from topics.knowledge import (
    EventItem,
    FactItem,
    KnowledgeBase,
    PersonItem,
    QuoteItem,
    TermItem,
    TopicItem,
)

TOPICS = [
    # id, slug, title, parent
    (10, "rise-to-power", "Stalin's rise to power", None),
    (11, "powerbases", "Stalin's powerbases", 10),
    (12, "lenins-testament", "Lenin's testament", 10),
    (13, "defeat-of-the-left", "The defeat of the Left", 10),
    (14, "defeat-of-the-right", "The defeat of the Right", 10),
    (20, "industrialisation", "Industrialisation 1928-1941", None),
    (21, "five-year-plans", "The Five-Year Plans", 20),
    (22, "industry-and-society", "Industry and society", 20),
    (30, "collectivisation", "Collectivisation 1928-1941", None),
    (31, "collectivisation-timeline", "Collectivisation step by step", 30),
    (32, "famine", "The famine of 1932-1934", 30),
    (40, "terror", "The Terror state", None),
    (41, "kirov-murder", "The Kirov murder", 40),
    (42, "impact-of-terror", "The impact of the Terror", 40),
    (43, "show-trials", "Show trials and victims", 40),
    (50, "ussr-by-1941", "Stalin's Russia by 1941", None),  # no facts: nothing to ask
]

PEOPLE = [
    # id, slug, name, full name, aliases, role
    (1, "stalin", "Stalin", "Joseph Stalin", ("Josef Stalin", "Koba"),
     "General Secretary of the Communist Party from 1922 and leader of the USSR from 1928"),
    (2, "trotsky", "Trotsky", "Leon Trotsky", ("Lev Trotsky", "Lev Bronstein"),
     "Leader of the Red Army in the Civil War; later led the Left Opposition"),
    (3, "zinoviev", "Zinoviev", "Grigory Zinoviev", (),
     "Head of the party in Leningrad; joined Stalin against Trotsky in 1924"),
    (4, "kamenev", "Kamenev", "Lev Kamenev", (), "Head of the party in Moscow"),
    (5, "bukharin", "Bukharin", "Nikolai Bukharin", (),
     "Leading thinker of the Right who defended the NEP"),
    (6, "rykov", "Rykov", "Alexei Rykov", ("Kykov",),
     "Member of the Right with Bukharin and Tomsky; head of the Soviet government"),
    (7, "tomsky", "Tomsky", "Mikhail Tomsky", (),
     "Member of the Right with Bukharin and Rykov; trade union leader"),
    (8, "kirov", "Kirov", "Sergei Kirov", (),
     "Leningrad party leader whose murder in 1934 began the Great Purges"),
    (9, "nikolayev", "Nikolayev", "Leonid Nikolayev", ("Nikoleyev",),
     "Young party member who shot Kirov"),
    (10, "ordzhonikidze", "Ordzhonikidze", "Sergo Ordzhonikidze", ("Sergo",),
     "Commissar for Heavy Industry; opposed the Terror"),
    (11, "yezhov", "Yezhov", "Nikolai Yezhov", (), "Head of the NKVD during the Great Terror"),
    (12, "beria", "Beria", "Lavrenty Beria", (), "Head of the NKVD from 1938"),
    (13, "lakoba", "Lakoba", "Nestor Lakoba", (),
     "Old associate of Stalin who refused to lead the NKVD"),
    (14, "lenin", "Lenin", "Vladimir Lenin", (),
     "Leader of the Bolsheviks and of Soviet Russia until his death in 1924"),
    (15, "stakhanov", "Stakhanov", "Alexei Stakhanov", (),
     "Miner who cut fourteen times his quota of coal in one shift"),
    (16, "nove", "Nove", "Alec Nove", ("A. Nove",),
     "Historian who saw a harsh logic in Stalin's methods"),
    (17, "malia", "Malia", "Martin Malia", ("M. Malia",),
     "Historian who argued that the Soviet system was never true socialism"),
    (18, "pyatnitsky", "Pyatnitsky", "Osip Pyatnitsky", (),
     "Central Committee member who spoke out against the elimination of Bukharin"),
    (19, "tukhachevsky", "Tukhachevsky", "Mikhail Tukhachevsky", (),
     "Marshal of the Soviet Union shot in 1937"),
]  # fmt: skip

EVENTS = [
    # id, slug, title, start, end, month, topic, people
    (1, "lenin-dies", "Lenin's death", 1924, None, 1, 11, (14,)),
    (2, "socialism-in-one-country", "The policy of Socialism in One Country", 1925, None, None,
     13, (1,)),
    (3, "left-defeated", "The defeat of the Left Opposition", 1926, None, None, 13, (2, 3, 4)),
    (4, "trotsky-expelled", "Trotsky's expulsion from the USSR", 1929, None, None, 13, (2,)),
    (5, "great-turn", "The Great Turn", 1928, None, None, 14, (1,)),
    (6, "shakhty-trial", "The Shakhty trial", 1928, None, None, 22, ()),
    (7, "first-plan", "The First Five-Year Plan", 1928, 1932, None, 21, ()),
    (8, "second-plan", "The Second Five-Year Plan", 1933, 1937, None, 21, ()),
    (9, "third-plan", "The Third Five-Year Plan", 1938, 1941, None, 21, ()),
    (10, "dizzy-with-success", "The 'Dizzy with Success' article", 1930, None, 3, 31, (1,)),
    (11, "internal-passports", "The introduction of internal passports", 1932, None, None, 31, ()),
    (12, "famine", "The great famine", 1932, 1934, None, 32, ()),
    (13, "kirov-murder", "The Kirov murder", 1934, None, 12, 41, (8, 9)),
    (14, "ryutin-affair", "The Ryutin Affair", 1932, None, None, 41, ()),
    (15, "trotsky-murder", "Trotsky's murder in Mexico", 1940, None, 8, 43, (2,)),
    (16, "ordzhonikidze-suicide", "Ordzhonikidze's suicide", 1937, None, 2, 43, (10,)),
    (17, "kulak-decree", "The decree on the liquidation of the kulaks", 1930, None, None, 31, ()),
    (18, "great-terror", "The Great Terror", 1936, 1938, None, 42, (11,)),
    (19, "collectivisation-begins", "The start of mass collectivisation", 1929, None, None, 31,
     (1,)),
]  # fmt: skip

TERMS = [
    # id, slug, term, definition, aliases, topic
    (1, "nep", "NEP", "Lenin's New Economic Policy of 1921, which let peasants sell their surplus "
     "on a free market", ("New Economic Policy",), 14),
    (2, "gosplan", "Gosplan", "The state planning commission that set targets for industry", (),
     22),
    (3, "stakhanovite", "Stakhanovite", "A worker who beat production targets, held up as a "
     "model in propaganda", ("Stakhanovism", "Stakhanovite movement"), 22),
    (4, "gigantomania", "Gigantomania", "A love of huge showpiece projects such as the Moscow "
     "Metro", (), 22),
    (5, "kulak", "Kulak", "A richer peasant, blamed by the party for hoarding grain", ("kulaks",),
     31),
    (6, "kolkhoz", "Kolkhoz", "A collective farm in which all resources were pooled, run by an "
     "elected committee", ("kolkhozy", "Kolhoz"), 31),
    (7, "sovkhoz", "Sovkhoz", "A state farm run like a factory, with paid workers", (), 31),
    (8, "mts", "MTS", "Machine Tractor Station: a depot that hired out machinery to collective "
     "farms", ("Machine Tractor Station",), 31),
    (9, "show-trial", "Show trial", "A public trial of important prisoners whose verdict had "
     "been decided in advance", ("show trials",), 43),
    (10, "socialism-in-one-country", "Socialism in One Country", "Stalin's policy of building "
     "socialism in the USSR alone, without waiting for revolution abroad", (), 13),
    (11, "permanent-revolution", "Permanent Revolution", "Trotsky's idea that the revolution "
     "had to be spread to other countries", (), 13),
    (12, "purge", "Purge", "The removal of people from the party as enemies, later by "
     "execution or the camps", ("purges",), 42),
    (13, "nkvd", "NKVD", "The Soviet secret police from 1934", (), 42),
    (14, "twenty-five-thousanders", "Twenty-Five Thousanders", "Industrial workers sent to the "
     "countryside to enforce collectivisation", (), 31),
]  # fmt: skip

QUOTES = [
    # id, text, speaker, about, year, topic, context, facts
    (1, "arch mediocrity", 2, 1, None, 11, "Trotsky's scornful view of Stalin's intellect",
     (103,)),
    (2, "unlimited authority concentrated in his hands", 14, 1, None, 12,
     "Lenin's testament, warning the party about Stalin", (122,)),
    (3, "We are fifty or a hundred years behind the advanced countries. We must make good this "
     "distance in ten years. Either we do it, or we shall be crushed.", 1, None, 1931, 21,
     "Stalin writing in Pravda in 1931", (216,)),
    (4, "It is impossible to make an omelette without breaking eggs", None, None, None, 22,
     "Quoted by historians to explain the logic of Stalin's methods", (225,)),
    (5, "grey blur", None, 1, None, 11, "How colleagues saw Stalin in the 1920s", (105,)),
    (6, "the snake Beria has killed me", 13, 12, 1936, 43, "Lakoba's last words", ()),
]  # fmt: skip

FACTS = [
    # id, topic, text, people, events, terms
    (101, 11, "As General Secretary, Stalin had access to Lenin", (1, 14), (), ()),
    (102, 11, "In 1923 Stalin was managing the 'Lenin enrolment'", (1, 14), (), ()),
    (103, 11, "Trotsky referred to him as 'arch mediocrity': his intellectual ability was doubted",
     (2, 1), (), ()),
    (104, 11, "Ruthless, paranoid, thorough and determined", (1,), (), ()),
    (105, 11, "'Grey blur' and 'comrade card index': boring, not an ideal leader", (1,), (), ()),
    (106, 11, "Georgian background and a certain coarseness", (), (), ()),
    (121, 12, "Lenin's testament warned of the danger of a split", (14,), (), ()),
    (122, 12, "The testament said Stalin had 'unlimited authority concentrated in his hands'",
     (14, 1), (), ()),
    (123, 12, "It was not published, for fear that it would cause the split people feared", (),
     (), ()),
    (131, 13, "1924 - Stalin allied himself with Zinoviev and Kamenev against Trotsky",
     (1, 3, 4, 2), (), ()),
    (132, 13, "1925 - Stalin began the policy of Socialism in One Country", (1,), (2,), (10,)),
    (133, 13, "1926 - the Left Opposition failed to get its policies accepted", (), (3,), ()),
    (134, 13, "Trotsky was sent into exile before being forced to leave the USSR for good in 1929",
     (2,), (4,), ()),
    (135, 13, "Permanent Revolution (1924) vs Socialism in One Country (1925)", (), (),
     (11, 10)),
    (141, 14, "Stalin overcame the Left with the support of the Right (Bukharin, Rykov, Tomsky)",
     (1, 5, 6, 7), (), ()),
    (142, 14, "Bukharin believed that war communism would alienate people", (5,), (), ()),
    (143, 14, "1928 - with the Left out of the picture, Stalin decided on industrialisation",
     (1,), (5,), ()),
    (144, 14, "1921 - the NEP was an emergency measure to rescue the economy", (), (), (1,)),
    (211, 21, "First Five-Year Plan 1928-32: emphasis on heavy industry (80% of investments), "
     "1500 enterprises opened", (), (7,), ()),
    (212, 21, "Second Five-Year Plan 1933-1937: heavy industry but consumer goods too, "
     "4,500 enterprises", (), (8,), ()),
    (213, 21, "By 1937 the USSR was self-sufficient in machine making", (), (8,), ()),
    (214, 22, "Women - 10 million joined the workforce, less well paid, fewer training "
     "opportunities", (), (), ()),
    (215, 21, "The Soviet economy grew by 5-6% each year between 1928 and 1940", (), (), ()),
    (216, 21, "Stalin, Pravda, 1931: 'We are fifty or a hundred years behind the advanced "
     "countries'", (1,), (), ()),
    (221, 22, "Stakhanovite movement - in one shift dug 14x the amount of coal expected; "
     "propaganda", (15,), (), (3,)),
    (222, 22, "Gosplan - 1921 - state planning commission, coordinated industries and their "
     "targets", (), (), (2,)),
    (223, 22, "Gigantomania - showing off communist Russia e.g. the Moscow metro", (), (), (4,)),
    (224, 22, "Shakhty trial 1928 - managers of the Shakhty coal mine, some executed", (), (6,),
     ()),
    (225, 22, "M. Malia - socialist values were never implemented; the Soviet system was "
     "'state capitalism' or 'Stalinism'", (17,), (), ()),
    (311, 31, "1929 - collectivisation under way", (), (19,), ()),
    (312, 31, "1930 - decree on the liquidation of the kulaks; a temporary halt, 'Dizzy with "
     "success'; peasants allowed private plots", (), (17, 10), (5,)),
    (313, 31, "1932 - internal passports in the countryside", (), (11,), ()),
    (314, 31, "Kolkhoz - most popular, all resources pooled, run by an elected committee", (),
     (), (6,)),
    (315, 31, "Stalin sent 25,000 'socially conscious' industrial workers to rural areas", (1,),
     (), (14,)),
    (316, 31, "Supported the collective farms and hired out machinery", (), (), (8,)),
    (321, 32, "Estimates suggest that 10 million died during the famine", (), (12,), ()),
    (322, 32, "Peasants caught hiding one ear of corn could be shot", (), (12,), ()),
    (323, 32, "International offers of aid were rejected", (), (), ()),
    (411, 41, "Shot in party headquarters; his bodyguard waited downstairs", (8,), (13,), ()),
    (412, 41, "Nikolayev shot Kirov and then fainted", (9, 8), (13,), ()),
    (413, 41, "After the murder Stalin came to Leningrad and interrogated Nikolayev", (1, 9),
     (13,), ()),
    (421, 42, "1934-1939 - party membership fell by 36%", (), (), ()),
    (422, 42, "1936-1939 - 600,000 executed", (), (18,), ()),
    (423, 42, "1936-1938 - 7 million arrested, 1 million executed", (), (18,), ()),
    (424, 42, "23,000 officers shot or dismissed", (), (), ()),
    (425, 42, "1937 - Pyatnitsky, a Central Committee member, spoke out against the elimination "
     "of Bukharin", (18, 5), (), ()),
    (431, 43, "Trotsky was murdered in Mexico in 1940 by Stalinist agents", (2,), (15,), ()),
    (432, 43, "Ordzhonikidze was Commissar for Heavy Industry and opposed the Terror; suicide "
     "1937, officially a heart attack", (10,), (16,), ()),
    (433, 43, "Lakoba refused the offer of leadership of the NKVD", (13,), (), (13,)),
    (434, 43, "Show trials were propaganda exercises in which important prisoners were tried "
     "publicly", (), (), (9,)),
]  # fmt: skip


def _linked(facts, field, item_id):
    return tuple(fact.id for fact in facts if item_id in getattr(fact, field))


def sample_kb():
    """A fresh KnowledgeBase with back-links (person.facts...) filled in as the snapshot does."""
    facts = tuple(
        FactItem(
            id=fact_id,
            topic_id=topic_id,
            text=text,
            original_text=text.lower(),
            kind="bullet",
            source="card 1 of 30",
            people=people,
            events=events,
            terms=terms,
        )
        for fact_id, topic_id, text, people, events, terms in FACTS
    )
    return KnowledgeBase(
        topics=tuple(TopicItem(*row) for row in TOPICS),
        facts=facts,
        people=tuple(PersonItem(*row, facts=_linked(facts, "people", row[0])) for row in PEOPLE),
        events=tuple(EventItem(*row, facts=_linked(facts, "events", row[0])) for row in EVENTS),
        terms=tuple(TermItem(*row, facts=_linked(facts, "terms", row[0])) for row in TERMS),
        quotes=tuple(QuoteItem(*row) for row in QUOTES),
    )
