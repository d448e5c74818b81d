"""A small hand-made knowledge base, in the shape `topics.snapshot` produces, for generation tests.

Its wording follows the course notes. Some items are here to trip the generator up: Rykov and
Tomsky share a role on the Right, Yezhov and Beria both ran the NKVD, the NEP's definition spells
out its own name, two 1932 events and two 1930 events must never share an ordering set, one quote
has no known speaker, and Beria is named inside the quote about him.
"""

import dataclasses

from topics.knowledge import (
    ClaimDetailItem,
    ClaimItem,
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
    (33, "economic-factors", "Why collectivise? Economic factors", 30),
    (34, "political-factors", "Why collectivise? Political factors", 30),
    (35, "how-successful", "How successful was collectivisation?", 30),
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
    (6, "rykov", "Rykov", "Alexei Rykov", ("Aleksei Rykov",),
     "Member of the Right with Bukharin and Tomsky; head of the Soviet government"),
    (7, "tomsky", "Tomsky", "Mikhail Tomsky", (),
     "Member of the Right with Bukharin and Rykov; trade union leader"),
    (8, "kirov", "Kirov", "Sergei Kirov", (),
     "Leningrad party leader whose murder in 1934 began the Great Purges"),
    (9, "nikolayev", "Nikolayev", "Leonid Nikolayev", ("Nikolaev",),
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
# What each event's title does in its year, where "began" (a span) or "was" would read badly.
EVENT_VERBS = {6: "was held", 17: "was issued", 11: "were introduced", 19: "began"}
# What the verb is said of, where the title is a noun ("The introduction of ..."): "In which
# year were internal passports introduced?"
EVENT_SUBJECTS = {11: "internal passports", 19: "mass collectivisation"}

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
    (8, "mts", "MTS", "Machine Tractor Station: a state depot that lent equipment and drivers to "
     "collective farms", ("Machine Tractor Station",), 31),
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
    (15, "war-communism", "War communism", "The Bolsheviks' emergency economic policy during the "
     "Civil War", (), 14),
    (16, "five-year-plan", "Five-Year Plan", "A state economic plan that set production targets "
     "for each industry", (), 21),
    (17, "toz", "TOZ", "The loosest kind of collective farm, in which peasants kept their own "
     "land", (), 31),
    (18, "politburo", "Politburo", "The small committee of the party's top leaders that made the "
     "key decisions", (), 11),
    (19, "komsomol", "Komsomol", "The Communist youth organisation", (), 22),
    (20, "batrak", "Batrak", "A landless peasant who hired himself out to richer peasants", (),
     31),
    (21, "nepman", "Nepman", "A peasant or trader who grew rich by private trade under the NEP",
     ("Nepmen",), 14),
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
    (331, 33, "Grain procurements fell in 1927-28: towns short of food", (), (), ()),
    (332, 33, "Needed grain exports to pay for machinery", (), (), ()),
    (333, 34, "Kulaks = class enemies", (), (), (5,)),
    (334, 34, "Control of the countryside", (), (), ()),
    (351, 35, "Grain output fell in the early 1930s", (), (), ()),
    (352, 35, "Peasants slaughtered animals rather than hand them over", (), (), ()),
    (353, 35, "By 1937 93% of households collectivised", (), (), ()),
    (354, 35, "Georgian background - coarse", (), (), ()),
]  # fmt: skip

NOT_FOR_QUESTIONS = {354: "A slur on manners, not a checkable claim."}

CLAIMS = [
    # slug, topic, facts, type, text, details [(text, kind, accept)], extra fields
    ("stalin-general-secretary", 11, (101,), "fact",
     "As General Secretary of the Communist Party from 1922, Stalin controlled appointments to "
     "party posts.", [("General Secretary", "term", ("Gen Sec",)), ("1922", "year", ())],
     {"misconception": "As Commissar for War from 1922, Stalin controlled appointments to party "
      "posts.", "year": 1922}),
    ("lenin-enrolment", 11, (102,), "fact",
     "The Lenin enrolment, begun in 1924 after Lenin's death, brought hundreds of thousands of "
     "new members into the party.", [("1924", "year", ())],
     {"correction": "The notes say 1923; the enrolment began in 1924, after Lenin's death, and "
      "was a recruitment drive.", "year": 1924}),
    ("trotsky-arch-mediocrity", 11, (103,), "judgement",
     "Trotsky dismissed Stalin as an 'arch mediocrity'.", [("Trotsky", "person", ())], {}),
    ("stalin-character", 11, (104,), "judgement",
     "Stalin was ruthless, suspicious and determined.", [], {}),
    ("testament-unlimited-authority", 12, (121, 122), "fact",
     "In his testament Lenin warned that Stalin had concentrated unlimited authority in his "
     "hands.", [("Lenin", "person", ())], {"year": 1922}),
    ("stalin-allied-zinoviev-kamenev", 13, (131,), "fact",
     "In 1924 Stalin allied with Zinoviev and Kamenev against Trotsky.",
     [("1924", "year", ()), ("Zinoviev", "person", ()), ("Trotsky", "person", ())],
     {"year": 1924}),
    ("socialism-in-one-country-adopted", 13, (132,), "fact",
     "The party adopted Stalin's policy of Socialism in One Country in 1925.",
     [("Socialism in One Country", "term", ("SiOC",)), ("1925", "year", ())], {"year": 1925}),
    ("trotsky-expelled", 13, (134,), "fact", "Trotsky was expelled from the USSR in 1929.",
     [("Trotsky", "person", ()), ("1929", "year", ())], {"year": 1929}),
    ("right-supported-stalin", 14, (141,), "fact",
     "Stalin defeated the Left with the support of the Right, led by Bukharin, Rykov and Tomsky.",
     [("the Right", "group", ()), ("Bukharin", "person", ())], {"year": 1926}),
    ("kulak-grain-strike", 14, (143,), "fact",
     "Stalin called the grain crisis of 1928 a 'kulak grain strike' and brought back "
     "requisitioning.", [("'kulak grain strike'", "phrase", ()), ("1928", "year", ())],
     {"misconception": "Bukharin called the grain crisis of 1928 a 'kulak grain strike' and "
      "brought back requisitioning.", "year": 1928}),
    ("nep-introduced", 14, (144,), "fact",
     "Lenin introduced the NEP in 1921 as an emergency measure to rescue the economy.",
     [("Lenin", "person", ()), ("NEP", "term", ("New Economic Policy",)), ("1921", "year", ())],
     {"year": 1921}),
    ("first-plan-heavy-industry", 21, (211,), "statistic",
     "Under the First Five-Year Plan about 80% of investment went into heavy industry.",
     [("80%", "number", ())], {"year": 1928}),
    ("second-plan-enterprises", 21, (212,), "statistic",
     "The Second Five-Year Plan opened 4,500 new enterprises.", [("4,500", "number", ())],
     {"year": 1933}),
    ("stakhanov-record", 22, (221,), "fact",
     "In 1935 the miner Alexei Stakhanov cut 14 times his quota of coal in one shift.",
     [("1935", "year", ()), ("14", "number", ("fourteen",))], {"year": 1935}),
    ("shakhty-engineers", 22, (224,), "fact",
     "At the Shakhty trial of 1928, engineers were accused of sabotaging coal mines.",
     [("1928", "year", ()), ("engineers", "group", ())], {"year": 1928}),
    ("gosplan-targets", 22, (222,), "fact",
     "Gosplan, the state planning commission, set the targets for each industry.",
     [("Gosplan", "term", ())], {}),
    ("women-workforce", 22, (214,), "statistic",
     "About 10 million women joined the industrial workforce in the 1930s.",
     [("10 million", "number", ())], {"year": 1932}),
    ("malia-not-socialism", 22, (225,), "interpretation",
     "Martin Malia argued that the Soviet system never put socialist values into practice.",
     [("Martin Malia", "person", ("Malia",))],
     {"held_by": "Martin Malia", "view": "the Soviet system never put socialist values into "
      "practice"}),
    ("cliff-state-capitalism", 22, (225,), "interpretation",
     "Tony Cliff argued that the Soviet Union was a form of state capitalism.",
     [("Tony Cliff", "person", ("Cliff",))],
     {"held_by": "Tony Cliff", "view": "the Soviet Union was a form of state capitalism",
      "correction": "The notes give 'state capitalism' as Malia's view; it is the Trotskyist "
      "label, argued by Tony Cliff."}),
    ("nove-harsh-logic", 21, (215,), "interpretation",
     "Alec Nove argued that there was a harsh logic in Stalin's methods of modernisation.",
     [("Alec Nove", "person", ("Nove",))],
     {"held_by": "Alec Nove", "view": "there was a harsh logic in Stalin's methods of "
      "modernisation"}),
    ("conquest-terror-planned", 42, (421,), "interpretation",
     "Robert Conquest argued that Stalin planned the Terror from the start.",
     [("Robert Conquest", "person", ("Conquest",))],
     {"held_by": "Robert Conquest", "view": "Stalin planned the Terror from the start"}),
    ("getty-terror-chaotic", 42, (421,), "interpretation",
     "J. Arch Getty argued that local rivalries and chaos drove much of the Terror.",
     [("J. Arch Getty", "person", ("Getty",))],
     {"held_by": "J. Arch Getty", "view": "local rivalries and chaos drove much of the Terror"}),
    ("revisionists-pressure-below", 42, (423,), "interpretation",
     "Revisionist historians argued that pressure from below drove the purges in the regions.",
     [], {"held_by": "Revisionist historians", "view": "pressure from below drove the purges in "
      "the regions"}),
    ("totalitarians-all-powerful", 42, (423,), "interpretation",
     "Totalitarian historians argued that an all-powerful state directed every arrest.",
     [], {"held_by": "Totalitarian historians", "view": "an all-powerful state directed every "
      "arrest"}),
    ("soviet-traitors", 43, (434,), "interpretation",
     "Soviet historians argued that the show trials exposed real traitors.",
     [], {"held_by": "Soviet historians", "view": "the show trials exposed real traitors"}),
    ("trotskyists-betrayal", 43, (431,), "interpretation",
     "Trotskyists argued that Stalin had betrayed the revolution of 1917.",
     [], {"held_by": "Trotskyists", "view": "Stalin had betrayed the revolution of 1917"}),
    ("kulaks-liquidated", 31, (312,), "fact",
     "In 1930 a decree ordered the liquidation of the kulaks as a class.",
     [("1930", "year", ()), ("kulaks", "group", ("kulak",))], {"year": 1930}),
    ("internal-passports", 31, (313,), "fact",
     "From 1932 internal passports stopped peasants moving freely to the towns.",
     [("1932", "year", ())], {"year": 1932}),
    ("kolkhoz-pooled", 31, (314,), "fact",
     "In a kolkhoz the peasants pooled their land, livestock and tools.",
     [("kolkhoz", "term", ("collective farm",))], {}),
    ("twenty-five-thousanders-sent", 31, (315,), "fact",
     "In 1929 the party sent 25,000 industrial workers to the countryside to enforce "
     "collectivisation.", [("25,000", "number", ()), ("1929", "year", ())], {"year": 1929}),
    ("depots-hired-machinery", 31, (316,), "fact",
     "State depots hired out farm equipment and drivers to the collective farms.",
     [("drivers", "group", ())], {"year": 1930}),
    ("famine-deaths", 32, (321,), "statistic",
     "Most historians estimate that 5.5-8.5 million people died in the famine of 1932-33.",
     [("5.5-8.5 million", "number", ())],
     {"correction": "The notes say 10 million; most historians estimate 5.5-8.5 million "
      "deaths for 1932-33.", "year": 1932}),
    ("grain-theft-shot", 32, (322,), "fact",
     "Under a law of August 1932, peasants caught taking grain from collective fields could be "
     "shot.", [("1932", "year", ())], {"year": 1932}),
    ("grain-procurements-fell", 33, (331,), "fact",
     "Grain procurements in 1927-28 fell far short of what the towns needed.", [],
     {"year": 1927}),
    ("grain-exports-machinery", 33, (332,), "fact",
     "Grain exports were needed to pay for machinery for industry.", [], {"year": 1929}),
    ("kulaks-class-enemies", 34, (333,), "judgement",
     "The party saw the kulaks as class enemies who would never accept socialism.", [],
     {"year": 1929}),
    ("control-countryside", 34, (334,), "fact",
     "Collective farms would give the party control over the countryside.", [], {"year": 1929}),
    ("grain-output-fell", 35, (351,), "fact",
     "Grain output fell in the early 1930s as peasants resisted collectivisation.", [],
     {"year": 1932}),
    ("animals-slaughtered", 35, (352,), "fact",
     "Peasants slaughtered millions of animals rather than hand them over.", [],
     {"year": 1930}),
    ("households-collectivised", 35, (353,), "statistic",
     "By 1937 about 93% of peasant households had been collectivised.",
     [("93%", "number", ())], {"year": 1937}),
]  # fmt: skip


def _linked(facts, field, item_id):
    return tuple(fact.id for fact in facts if item_id in getattr(fact, field))


def _not_for_questions(fact_id):
    # The field arrives with the claims layer of the knowledge base.
    if "not_for_questions" not in {f.name for f in dataclasses.fields(FactItem)}:
        return {}
    return {"not_for_questions": NOT_FOR_QUESTIONS.get(fact_id, "")}


def _event(row, facts):
    event_id = row[0]
    return EventItem(
        *row,
        facts=_linked(facts, "events", event_id),
        verb=EVENT_VERBS.get(event_id, ""),
        subject=EVENT_SUBJECTS.get(event_id, ""),
    )


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
            **_not_for_questions(fact_id),
        )
        for fact_id, topic_id, text, people, events, terms in FACTS
    )
    claims = tuple(
        ClaimItem(
            id=position,
            slug=slug,
            text=text,
            type=type_,
            topic_id=topic_id,
            facts=fact_ids,
            details=tuple(ClaimDetailItem(*detail) for detail in details),
            **extra,
        )
        for position, (slug, topic_id, fact_ids, type_, text, details, extra) in enumerate(
            CLAIMS, start=1
        )
    )
    return KnowledgeBase(
        topics=tuple(TopicItem(*row) for row in TOPICS),
        facts=facts,
        people=tuple(PersonItem(*row, facts=_linked(facts, "people", row[0])) for row in PEOPLE),
        events=tuple(_event(row, facts) for row in EVENTS),
        terms=tuple(TermItem(*row, facts=_linked(facts, "terms", row[0])) for row in TERMS),
        quotes=tuple(QuoteItem(*row) for row in QUOTES),
        claims=claims,
    )
