"""Invented slot fillers: people, places, organisations, numbers and dates.

Every name here is made up (some combinations will by chance match a real place or person).
The pools are large so that two unrelated stories rarely share a name: hundreds of first and
last names, and towns, counties, streets and companies built from roots and suffixes.
U.S. state names are real, as in wire datelines; everything inside them is invented.
"""

import datetime

from .grammar import Person

FIRST_F = """Maria Ellen Dana Carla Priyanka Marian Janice Marisol Jenna Laura Ana Beatriz Chloe
Danielle Esther Fatima Gloria Hannah Ingrid Jasmine Keisha Leah Mei Nadia Olivia Paulina Rachel
Sofia Tamara Ursula Valerie Wendy Ximena Yolanda Zoe Abigail Bridget Camille Deborah Elena Frances
Grace Helen Imani Joanna Kathleen Lucia Monique Noor Patricia Renee Sandra Teresa Vanessa Whitney
Aisha Brenda Colleen Diane Erin Felicia Gabriela Heather Irene Julia Kara Lindsey Marta Nicole
Pamela Rosa Shanice Tina Vivian Yvonne Adriana Bianca Carmen Delia Eileen Fiona Georgia Holly
Isabel Jill Kristen Lorraine Megan Naomi Priya Rebecca Simone Tanya Veronica Alicia Beth Claire
Dolores Emily Gwen Hope Jocelyn Karen Latoya Mirela Nina Ruth Sarah Theresa Anjali Bernadette
Corinne Darlene Estelle Francine Geneva Harriet Iris Josefina Kimberly Lena Maribel Nora Opal
Paloma Rhiannon Selma Thandiwe Uma Vera Willa Yasmin Zainab Amara Celeste Dina Ebony Farrah
Hilary Ines Juniper Kendra Lourdes Magda Nell Odette Petra Rosalind Sunita Trudy""".split()

FIRST_M = """Raymond Tom Walter Stephen Darnell Omar Marcus Aaron Benjamin Carlos Derek Eduardo Frank
Gregory Hector Isaac Jamal Kevin Luis Miguel Nathan Oscar Patrick Quentin Rafael Samuel Terrence
Victor Wesley Xavier Yusuf Zachary Andre Brian Calvin Dmitri Elliott Felix Gavin Harold Ivan
Jerome Keith Lamar Martin Neil Owen Peter Ronald Scott Trevor Vincent William Anthony Bradley
Curtis Dennis Emmanuel Francisco Gordon Howard Ian Javier Kenneth Leonard Malik Nolan Phillip
Roberto Sean Thomas Vernon Wayne Adam Bruce Cedric Desmond Ernest Floyd Glenn Hassan Jorge Kwame
Lionel Mitchell Nikhil Orlando Preston Reginald Stanley Tyrone Alan Boris Connor Dale Enrique
Farid Garrett Hiroshi Julian Kurt Lucas Manuel Norman Russell Simon Travis Ulrich Warren Arjun
Byron Chester Dwayne Elias Fernando Gideon Hugh Ignacio Jonah Kofi Lars Mateo Nestor Otis Pablo
Quincy Rowan Silas Tobias Umar Virgil Wendell Yosef Abel Bennett Cyrus Darius Emil Fletcher
Graham Horace Idris Jasper Kieran Leon Moses Nico Orson Percy Rudy Sterling Thaddeus""".split()

LAST = """Okafor Sturgis Whitfield Obi Nunez Verhagen Holloway Whitlock Desrosiers Ferreira Pruitt
Oyelaran Calloway Kowalski Castellano Ellery Lowe Szabo Brandt Morales Abernathy Achterberg Adeyemi
Alcott Amundsen Andrade Arceneaux Ashworth Babbitt Baptiste Barrow Beaumont Belcourt Bergstrom
Birch Blackwood Bouchard Bramwell Brennan Brightman Brooker Buckley Burkhardt Cabrera Caldwell
Callahan Carmody Castillo Chandrasekar Chen Cheney Chisholm Cordova Corrigan Costa Crowder
Cunningham Dabrowski Dalton Darrow Delacroix Delgado Dempsey Devereaux Dimitrov Donnelly Dorsey
Dubois Dunleavy Eastman Echols Eckhart Edmonds Egan Ellison Emerson Esposito Estrada Fairbanks
Falco Farrow Fenwick Fielding Figueroa Finnegan Fitzgerald Flanagan Fontaine Forsythe Fraser
Fuentes Gallagher Garber Garrison Gentry Giordano Goldberg Grady Granger Greaves Guerrero Gunderson
Hadley Halvorsen Hammond Harcourt Hargrove Hawthorne Hayashi Healey Hendricks Herrera Hoffman
Hollis Huang Hutchins Ibarra Iverson Jablonski Jefferson Jennings Jovanovic Kagame Kaplan
Keane Kendrick Kessler Kimura Kingsley Kirkland Kozak Lachance Landry Langford Larkin Lavigne
Lindqvist Lombardi Lozano MacAllister Maddox Malone Marchetti Markham Mbeki McAllister McBride
Medina Mendoza Merriweather Mikkelsen Montague Moreau Mulligan Nakamura Navarro Nesbitt Nguyen
Novak Oakes Ochoa Odom Okonkwo Olsen Ortega Osei Pacheco Padilla Palmer Pappas Paterson Pelletier
Pemberton Petrakis Pham Pickett Pierce Quintero Quinlan Rahman Ramsey Rasmussen Reyes Ridgeway
Rinaldi Robichaux Rocha Rosario Rutherford Salazar Sandoval Santangelo Schaefer Serrano Shapiro
Sheridan Sinclair Sorensen Stavros Stoltz Sutherland Takahashi Talbot Tanaka Thibodeaux Thornton
Toledo Trujillo Tuttle Underwood Valdez Vance Vasquez Venkataraman Villanueva Vogel Wakefield
Walcott Warrick Waverly Weatherby Wexler Whitcomb Wilder Winslow Wojcik Yamamoto Yates Zamora
Zielinski Acosta Bellamy Cortez Duarte Eriksen Galloway Haskins Ingram Jaramillo Kowal Lindgren
Marsh Nolan Osterberg Prescott Quarles Redding Stroud Tillman Upshaw Vickers Wolcott Yardley
Zeller Ambrose Brightwater Coleridge Dunmore Endicott Faraday Gaskell Holbrook Inwood Jessup
Kettering Lockhart Morrow Northcutt Ormsby Penhallow Radcliffe Stanhope Treadwell Underhill""".split()

TOWN_ROOTS = """Alder Ashby Bramble Brennan Calder Corvin Dorrance Dunmore Elmsworth Fenmore Gallow
Halloran Harmon Hask Kellan Kestrel Lindell Marrow Merrit Millbrook Nesbit Ombry Orrin Pellam
Pryor Quenby Quill Rill Rusk Sable Sorrel Tamsin Tarrow Tessaro Thistle Varden Vesper Wick Wren
Yarrow Aldermoor Birchen Cinder Copper Crane Delmore Ember Fallow Garnet Hollin Ivel Juniper Kirrin
Larch Mallow Northam Osprey Pennock Quarry Raven Stellan Tansy Umber Wexford Bellwether Caddon
Dunlin Everly Farrow Glenmar Heron Inley Jessamy Kittredge Lowry Marlow Nettle Oriel Plover
Roan Saltash Thimble Vale Westerly Amberly Brackett Coldwater Driftwood Elkin Foxley Greystone
Hartwell Ironwood Kinsale Loxley Midvale Norcross Oakhurst Pinehurst Redfern Stonebridge Tallis""".split()

TOWN_FORMS = ["{r}", "{r}", "{r}", "{r}ton", "{r}ville", "{r} Falls", "{r} Springs", "{r} Ridge",
              "Port {r}", "{r} Harbor", "East {r}", "West {r}", "North {r}", "New {r}", "{r} Junction",
              "{r} Hollow", "{r} Heights", "{r} Crossing", "Lake {r}", "Mount {r}", "Fort {r}",
              "{r} Mills", "{r} Point", "{r} Bluff", "{r} Creek"]

STATES = [("Alabama", "Ala."), ("Arizona", "Ariz."), ("Arkansas", "Ark."), ("California", "Calif."),
          ("Colorado", "Colo."), ("Connecticut", "Conn."), ("Delaware", "Del."), ("Florida", "Fla."),
          ("Georgia", "Ga."), ("Idaho", "Idaho"), ("Illinois", "Ill."), ("Indiana", "Ind."),
          ("Iowa", "Iowa"), ("Kansas", "Kan."), ("Kentucky", "Ky."), ("Louisiana", "La."),
          ("Maine", "Maine"), ("Maryland", "Md."), ("Massachusetts", "Mass."), ("Michigan", "Mich."),
          ("Minnesota", "Minn."), ("Mississippi", "Miss."), ("Missouri", "Mo."), ("Montana", "Mont."),
          ("Nebraska", "Neb."), ("Nevada", "Nev."), ("New Hampshire", "N.H."), ("New Jersey", "N.J."),
          ("New Mexico", "N.M."), ("New York", "N.Y."), ("North Carolina", "N.C."),
          ("North Dakota", "N.D."), ("Ohio", "Ohio"), ("Oklahoma", "Okla."), ("Oregon", "Ore."),
          ("Pennsylvania", "Pa."), ("Rhode Island", "R.I."), ("South Carolina", "S.C."),
          ("South Dakota", "S.D."), ("Tennessee", "Tenn."), ("Texas", "Texas"), ("Utah", "Utah"),
          ("Vermont", "Vt."), ("Virginia", "Va."), ("Washington", "Wash."), ("West Virginia", "W.Va."),
          ("Wisconsin", "Wis."), ("Wyoming", "Wyo.")]

STREET_ROOTS = """Canal Elm Maple Orchard Mill Depot Chestnut Ridge Summit Harbor Water Bridge Church
Market Franklin Garfield Hawthorne Juniper Kingsley Linden Magnolia Poplar Quarry Railroad Sycamore
Tamarack Union Walnut Willow Birch Cedar Dogwood Front Grove Highland Laurel Meadow Pleasant Spring
Station Tanner Vine Wharf Commerce Cooper Foundry Granite Larkspur Lyceum Pearl Regent Sawmill""".split()
STREET_TYPES = ["Street", "Street", "Avenue", "Road", "Boulevard", "Lane", "Drive", "Parkway", "Pike"]

COMPANY_ROOTS = """Harbor Lane|Kestrel|Oakmere|Bright Ridge|Northfork|Bluestem|Cinder Peak|Ironvale
|Tessaro|Brightfield|Copperline|Silver Fen|Marrowby|Gallant|Westbrook|Halcyon|Larkhaven|Stonemill
|Redwing|Tallgrass|Evenstar|Fairlight|Granite Bay|Hollis & Crane|Juniper Row|Kingfisher|Lodestar
|Meridian Park|Northwind|Orchard Hill|Pinebrook|Quarrystone|Riverbend|Saltmarsh|Thornbury|Upland
|Vantage Point|Willowgate|Yellowfield|Ambergate|Blue Heron|Crestline|Dovetail|Emberly|Foxhollow
|Goldcrest|Highmark|Inlet|Keystone Ridge|Lanternfly|Mosswood|Nettlefield|Overbrook|Palisade
|Quillon|Rookwood|Sandpiper|Trillium|Verdant|Wrenfield""".replace("\n", "").split("|")

SECTORS = {
    "foods": (["Foods", "Farms", "Provisions", "Brands"], "maker of frozen meals and packaged snacks",
              "food processing plant"),
    "logistics": (["Logistics", "Freight", "Transport"], "trucking and freight brokerage company",
                  "distribution center"),
    "software": (["Software", "Systems", "Labs", "Technologies"], "maker of accounting and payroll software",
                 "software development office"),
    "manufacturing": (["Manufacturing", "Industries", "Components", "Fabrication"],
                      "maker of auto parts and industrial pumps", "manufacturing plant"),
    "energy": (["Energy", "Power", "Renewables"], "developer of solar and battery storage projects",
               "battery assembly plant"),
    "health": (["Health", "Medical", "Pharmaceuticals", "Biosciences"],
               "maker of generic drugs and medical supplies", "pharmaceutical plant"),
    "retail": (["Stores", "Outfitters", "Markets", "Home"], "discount department store chain",
               "regional warehouse"),
    "finance": (["Bancorp", "Financial", "Savings Bank", "Credit Union"],
                "regional bank with branches in four states", "customer service center"),
}
SECTOR_NAMES = list(SECTORS)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
             "Dec."]
MONTHS_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

UNIVERSITY_FORMS = ["University of {r}", "{r} State University", "{r} College", "{r} Institute of Technology",
                    "{r} University"]
HOSPITAL_FORMS = ["{t} Regional Medical Center", "{t} General Hospital", "St. {s}'s Hospital",
                  "{t} Memorial Hospital", "{c} Health System"]
SAINTS = ["Agnes", "Brendan", "Clare", "Dominic", "Elizabeth", "Francis", "Gerard", "Jude", "Luke",
          "Monica", "Vincent", "Bernard"]


def pick(rng, seq):
    """One element, using only rng.random() (stable across Python versions)."""
    return seq[int(rng.random() * len(seq))]


def between(rng, lo, hi):
    """An integer in [lo, hi]."""
    return lo + int(rng.random() * (hi - lo + 1))


def comma(n):
    return f"{n:,}"


def number_ap(n):
    """AP style: one through nine spelled out."""
    return NUMBER_WORDS[n] if 0 <= n <= 9 else comma(n)


def money(rng, lo_millions, hi_millions):
    """'$18.6 million', '$1.2 billion', '$640,000'."""
    value = lo_millions + rng.random() * (hi_millions - lo_millions)
    if value >= 1000:
        return f"${value / 1000:.1f} billion"
    if value >= 10:
        return f"${value:.0f} million" if rng.random() < 0.3 else f"${value:.1f} million"
    if value >= 1:
        return f"${value:.1f} million"
    return f"${comma(int(value * 1000) * 1000)}"


def town(rng):
    return pick(rng, TOWN_FORMS).format(r=pick(rng, TOWN_ROOTS))


def county(rng):
    return f"{pick(rng, TOWN_ROOTS if rng.random() < 0.5 else LAST)} County"


def street(rng):
    if rng.random() < 0.12:
        return f"{pick(rng, ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Ninth', '12th', '14th'])} Street"
    return f"{pick(rng, STREET_ROOTS)} {pick(rng, STREET_TYPES)}"


def company(rng, sector=None):
    sector = sector or pick(rng, SECTOR_NAMES)
    words, blurb, site = SECTORS[sector]
    return f"{pick(rng, COMPANY_ROOTS)} {pick(rng, words)}", sector, blurb, site


def university(rng):
    return pick(rng, UNIVERSITY_FORMS).format(r=pick(rng, TOWN_ROOTS))


def hospital(rng, town_name, county_name):
    return pick(rng, HOSPITAL_FORMS).format(t=town_name, s=pick(rng, SAINTS), c=county_name.replace(" County", ""))


def full_name(rng, female=None):
    if female is None:
        female = rng.random() < 0.5
    first = pick(rng, FIRST_F if female else FIRST_M)
    last = pick(rng, LAST)
    while last == first:
        last = pick(rng, LAST)
    if rng.random() < 0.06:
        last = f"{last}-{pick(rng, LAST)}"
    middle = f" {chr(65 + int(rng.random() * 26))}." if rng.random() < 0.07 else ""
    return f"{first}{middle} {last}", last, female


def person(rng, title="", desc="", female=None):
    """A Person; `desc` may contain {spokes} (spokeswoman/spokesman) and {his}."""
    full, last, female = full_name(rng, female)
    if "{" in desc:
        desc = desc.replace("{spokes}", "spokeswoman" if female else "spokesman").replace(
            "{his}", "her" if female else "his")
    return Person(full, last, title, desc, "she" if female else "he", "her" if female else "his")


def date_in_year(rng, year=2026):
    return datetime.date(year, 1, 1) + datetime.timedelta(days=int(rng.random() * 365))


def date_ap(d):
    return f"{MONTHS_AP[d.month - 1]} {d.day}"


def time_ap(hour, minute):
    suffix = "a.m." if hour < 12 else "p.m."
    h = hour % 12 or 12
    if minute == 0:
        return f"{h} {suffix}" if h != 12 else ("noon" if hour == 12 else "midnight")
    return f"{h}:{minute:02d} {suffix}"


# ----------------------------------------------------------------------------- fresh fillers
# Slot names not found in a story's facts come from here: each use draws a new value.

def _pct(ctx):
    r = ctx.rand()
    return f"{int(r * 60) + 2}%" if r < 0.5 else f"{r * 40 + 1:.1f}%"


def _small(ctx):
    return NUMBER_WORDS[2 + int(ctx.rand() * 8)]


def _teens(ctx):
    return str(10 + int(ctx.rand() * 90))


def _hundreds(ctx):
    return str(100 + int(ctx.rand() * 900))


def _thousands(ctx):
    return comma(1000 + int(ctx.rand() * 49000) // 10 * 10)


def _money(ctx):
    return money(ctx.rng, 0.2, 90)


def _money_k(ctx):
    return f"${comma((5 + int(ctx.rand() * 300)) * 500)}"


def _year_past(ctx):
    return str(1998 + int(ctx.rand() * 27))


def _years(ctx):
    return str(3 + int(ctx.rand() * 38))


def _time(ctx):
    return time_ap(pick(ctx.rng, [6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19]), pick(ctx.rng, [0, 0, 0, 15, 30, 45]))


def _passerby(ctx):
    full, _, _ = full_name(ctx.rng)
    return full


FILLERS = {
    "pct": _pct,
    "pct_small": lambda ctx: f"{ctx.rand() * 9 + 0.4:.1f}%",
    "small": _small,
    "teens": _teens,
    "hundreds": _hundreds,
    "thousands": _thousands,
    "money": _money,
    "money_k": _money_k,
    "year_past": _year_past,
    "years": _years,
    "time": _time,
    "month_any": lambda ctx: pick(ctx.rng, MONTHS),
    "weekday_any": lambda ctx: pick(ctx.rng, WEEKDAYS[:5]),
    "town_any": lambda ctx: town(ctx.rng),
    "street_any": lambda ctx: street(ctx.rng),
    "county_any": lambda ctx: county(ctx.rng),
    "name_any": _passerby,
    "last_any": lambda ctx: pick(ctx.rng, LAST),
    "university_any": lambda ctx: university(ctx.rng),
}
