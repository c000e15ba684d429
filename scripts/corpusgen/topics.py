"""Sentence templates of original stories, by topic and role.

Each topic is one kind of news event (a council vote, a verdict, a storm ...). It has:

- ``facts(rng, facts, people)``: adds the event's facts (what was decided, by how much, who
  said what) to the story's base facts (town, county, state, dates), and creates its people.
  Every topic creates the roles ``off`` (main official), ``spox`` (spokesperson), ``res``
  (resident, witness, fan), ``exp`` (expert) and ``crit`` (critic, opponent); templates refer to
  them as ``{@off}`` (first mention in full, then by last name) or ``{off_last}``, ``{off_she}``,
  ``{off_her}``.
- pools of templates by role: ``headlines``, ``ledes``, ``details`` (1 sentence each),
  ``quotes`` (quotable lines of officials, without final punctuation), ``voices`` (quotable
  lines of residents and critics), ``claims`` (reported speech: "said <claim>"),
  ``background`` and ``closings``.

GENERIC holds pools every topic can draw on (comment requests, context, schedules, generic
quotes, follow-up ledes for same-event stories). Templates use dense slots and alternatives
so that two unrelated stories, even of one topic, share few 4-word sequences.
"""

from .grammar import compile_pool
from .vocab import (LAST, TOWN_ROOTS, between, comma, company, hospital, money, number_ap, person, pick, town,
                    university)


def lines(block):
    """One template per non-empty line."""
    return [ln.strip() for ln in block.strip().split("\n") if ln.strip()]


ROLES = ("headlines", "ledes", "details", "quotes", "voices", "claims", "background", "closings")


class Topic:
    """A kind of news event: its facts builder and its compiled template pools."""

    def __init__(self, name, sections, wires, facts, civic=True, quiet_roles=(), **pools):
        self.name = name
        self.civic = civic              # local-government flavored generic sentences fit its stories
        self.quiet_roles = quiet_roles  # people written about but never quoted
        self.sections = sections
        self.wires = wires
        self.facts = facts
        for role in ROLES:
            setattr(self, role, compile_pool(lines(pools.get(role, "")), vary=role != "headlines"))

    def template_count(self):
        return sum(len(getattr(self, role)) for role in ROLES)


# ============================================================================== council
COUNCIL_MEASURES = [
    ("a cap of {cap}% on annual rent increases in buildings with five or more units", "the rent cap",
     "slow the rise in housing costs", "rent cap"),
    ("a {money} bond to repave roads and replace aging water mains", "the bond",
     "pay for long-delayed repairs", "road bond"),
    ("an ordinance banning gas-powered leaf blowers from May through September", "the leaf blower ban",
     "cut noise and pollution in residential neighborhoods", "leaf blower ban"),
    ("a plan to turn the vacant {root} Mill into {units} apartments", "the mill project",
     "add housing near downtown", "mill conversion"),
    ("a {money} budget that raises the property tax rate by {taxpct}%", "the budget",
     "close a widening deficit", "budget and tax increase"),
    ("new limits on short-term rentals in residential neighborhoods", "the rental rules",
     "return homes to the long-term rental market", "short-term rental limits"),
    ("a contract to hand trash and recycling collection to a private hauler", "the trash contract",
     "cut collection costs", "trash contract"),
    ("a program that would put speed cameras in {small} school zones", "the speed camera program",
     "slow drivers near schools", "school-zone speed cameras"),
    ("a one-year moratorium on new warehouse construction along {street}", "the moratorium",
     "give planners time to rewrite the zoning code", "warehouse moratorium"),
    ("a plan to merge the {town} and {town2} fire departments", "the merger",
     "save money on equipment and staffing", "fire department merger"),
    ("an ordinance requiring landlords to register rental units and allow yearly inspections",
     "the rental registry", "crack down on unsafe housing", "rental inspections"),
    ("a {money} deal to buy the former {root} Golf Club and turn it into a public park", "the park purchase",
     "preserve open space", "golf course purchase"),
    ("a plan to narrow {street} from four lanes to two and add protected bike lanes", "the road redesign",
     "make the corridor safer for pedestrians and cyclists", "{street} redesign"),
    ("a 10-year tax break for a {company} {site} on the city's south side", "the tax break",
     "bring jobs back to the old industrial district", "tax break for {company}"),
    ("a ban on new drive-thru restaurants in the downtown district", "the drive-thru ban",
     "make downtown more walkable", "drive-thru ban"),
    ("a plan to end single-family-only zoning on most residential lots", "the zoning change",
     "allow duplexes and small apartment buildings", "zoning overhaul"),
]
COUNCIL_BODIES = ["City Council", "City Council", "Town Council", "Village Board", "Board of Aldermen",
                  "Common Council", "Board of Selectmen"]
RES_DESCS = ["a retired teacher who has lived in {town} for {years} years",
             "who owns a bakery on {street}", "a nurse and mother of two",
             "a landlord who owns three buildings on the north side", "a longtime resident of {street}",
             "who has run a hardware store downtown for {years} years", "a graduate student who rents on {street}",
             "a retired machinist", "a father of three who lives near {street}",
             "who manages a diner on {street}"]


def council_facts(rng, f, people):
    measure, short, goal, hl = pick(rng, COUNCIL_MEASURES)
    comp = company(rng)
    fill = dict(cap=str(between(rng, 3, 7)), money=money(rng, 4, 120), root=pick(rng, TOWN_ROOTS),
                units=str(between(rng, 60, 340)), taxpct=f"{rng.random() * 6 + 1:.1f}",
                small=number_ap(between(rng, 3, 9)), street=f["street"], town=f["town"], town2=f["town2"],
                company=comp[0], site=comp[3])
    f["measure"] = measure.format(**fill)
    f["short"] = short
    f["goal"] = goal
    f["hl"] = hl.format(**fill)
    body = pick(rng, COUNCIL_BODIES)
    yes = between(rng, 4, 9)
    no = between(rng, 1, yes - 1) if yes > 4 else between(rng, 1, 3)
    f["vote"] = f"{yes}-{no}"
    f["vote2"] = f"{between(rng, 2, no + 2)}-{yes}"
    f["body"] = body
    f["agency"] = f"{f['town']} {body}"
    f["agency_short"] = "council" if "Council" in body else "board"
    f["event"] = f"the {f['agency_short']}'s vote on {short}"
    f["hours"] = number_ap(between(rng, 3, 7))
    people["off"] = person(rng, "Mayor", f"the mayor of {f['town']}")
    people["spons"] = person(rng, "Council President", f"the {f['agency_short']} president, who sponsored the measure")
    people["spox"] = person(rng, "", f"a {{spokes}} for the city of {f['town']}")
    people["res"] = person(rng, "", pick(rng, RES_DESCS).format(town=f["town"], street=f["street2"],
                                                               years=between(rng, 8, 45)))
    people["exp"] = person(rng, "", pick(rng, ["a professor of public policy at {u}",
                                                "a municipal finance analyst at {u}",
                                                "who studies local government at {u}"]).format(u=university(rng)))
    people["crit"] = person(rng, "", f"a {f['agency_short']} member who voted against the measure")


COUNCIL = Topic(
    "council", ["Political News", "Local", "Politics", "City Hall", "Local Government"], "AP local local",
    council_facts,
    headlines="""
{town} [council|board] approves {hl}
{town} adopts {hl} after {hours}-hour hearing
Divided {agency_short} passes {hl} in {town}
{town} votes {vote} for {hl}
{hl} wins [narrow|final] approval in {town}
What {town}'s new {hl} means for residents
[After months of debate, |]{town} [approves|OKs] {hl}
""",
    ledes="""
The {agency} voted {vote} [late {weekday}|on {weekday}|{weekday} night] to approve {measure}, [ending months of debate over how to|capping a contentious debate over how to|after a hearing that stretched past midnight over whether the city should] {goal}.
{town} [officials|leaders|lawmakers] [on {weekday} approved|{weekday} approved] {measure}, a [contentious|closely watched|long-debated] [proposal|plan|measure] that [supporters|backers] say will {goal} and [critics|opponents] say [will drive up costs for|unfairly burdens] [residents|taxpayers|small businesses].
After [nearly|more than] {hours} hours of public comment, the {agency} [narrowly |]approved {measure} [on {weekday}|{weekday} night], handing a [hard-won|narrow|long-sought] victory to {@off} and [tenant advocates|neighborhood groups|the supporters who had packed the chamber].
A [sharply divided|divided|visibly weary] {agency} [ended its meeting|wrapped up a marathon session] [late {weekday}|{weekday} night] with a {vote} vote in favor of {measure}.
{town} will move ahead with {measure} after the {agency} [approved it {vote} on {weekday}|voted {vote} {weekday} to adopt it], [despite|over] [objections from|protests by] [landlords|business owners|some residents] who [packed the chamber|lined up to speak against it].
""",
    details="""
The measure [applies to|covers] [an estimated|roughly|about] {thousands} [households|properties|residents] and [takes effect|would take effect|goes into effect] {month_any} 1[, according to city documents| if it survives a second reading|].
[More than|Nearly|About] {hundreds} people [signed up to speak|packed the {agency_short} chamber|filled the overflow room], and [the hearing|public comment] [stretched|ran] [past midnight|for more than {hours} hours|until nearly 1 a.m.].
[Supporters|Backers] of {short} [wore|held|carried] [green|yellow|hand-lettered] [signs|stickers|T-shirts] reading "[Stay Home {town}|Fix Our Streets|Neighbors First|{town} Can't Wait]," while [opponents|critics] [lined the back wall|gathered outside the building|sat together near the front].
{@crit} [argued|said] the {agency_short} had [rushed the vote|not studied the cost|ignored the concerns of small property owners] and [warned|predicted] that {short} would [face a court challenge|cost far more than projected|push investment to neighboring {town2}].
City [staff|budget officials|planners] estimated {short} would [cost|save] [about|roughly|nearly] {money} over [the next|its first] {small} years, [a figure|an estimate] [critics|some {agency_short} members] [called optimistic|questioned during the hearing|said was too low].
The vote [split|divided] the {agency_short} [along familiar lines|largely along neighborhood lines|in unexpected ways], with [members from the east side|the newest members|{small} first-term members] [voting in favor|backing the measure] and [several longtime members|members from the north side] [opposed|voting no].
[An amendment|A late amendment|A proposed change] offered by {@crit} to [delay {short} for a year|exempt small landlords|put the question on the November ballot] [failed|was rejected] {vote2}.
{town}, a [former mill town|city|small city|suburb] of about {pop} people [on {river}|about {teens} miles {dir} of {town2}|in {county}], has [seen|faced|struggled with] [rising costs|a shrinking tax base|rapid growth] [since {year_past}|over the past decade|in recent years].
[Under|According to] [the ordinance|the measure|the plan], the city [will|would] [hire|create] {small} [new inspectors|staff positions|part-time positions] to [enforce|administer] [the rules|{short}] and report to the {agency_short} every [six months|quarter|year].
The {agency_short} had [delayed|postponed] [the vote|a decision] [twice|three times|earlier this year] [amid|after] [questions about|concerns over] [legal exposure|the cost|how it would be enforced].
{@off} said after the meeting that {off_she} would sign {short} [within days|this week|as soon as it reaches {off_her} desk].
[Neighboring|Nearby] {town_any} [considered|rejected|adopted] a similar [proposal|measure] in {year_past}, [and|but] [officials there|its council] [later|eventually] [repealed it|scaled it back|expanded it].
A [survey|poll] [commissioned|conducted] by [the city|a local civic group|{university_any}] [last year|in {month_any}] found that {pct} of residents [supported|favored] [the idea|some version of {short}].
The [ordinance|measure] [requires|needs] a second [reading|vote] on {weekday_any}[, but that vote is usually a formality|, when opponents plan to return in force|].
{@spons} [spent months|worked for more than a year] [negotiating|drafting] {short} [with|alongside] [landlords, tenants and city lawyers|business owners and neighborhood groups|city staff].
""",
    quotes="""
For years we have listened to families tell us they are one [bad month|renewal notice] away from leaving the city they grew up in. Tonight we told them we heard them
This is not a perfect [ordinance|plan|measure], but the status quo was not working either
We [can't|cannot] keep [asking|telling] residents to wait [another year|another decade] [for this|while costs keep climbing]
Every [dollar|penny] of this will be spent in public, and [people|residents] will be able to see exactly where it goes
We [looked at|studied] what {town2} and other cities have done, and we [took the best parts|learned from their mistakes]
I understand people are frustrated, and I don't blame them
This [vote|decision] is about what kind of [city|town|community] we want to be in [10|20] years
We made a promise [to act on this|during the campaign], and tonight we kept it
Nobody [on this {agency_short}|up here] took this lightly
It [will|is going to] take time to [get this right|work out the details], and we'll [adjust|make changes] if we need to
""",
    voices="""
My taxes went up {pct} this year, insurance went up {pct}, and now the city wants to tell me [what I can charge|how to run my business]
I'm not a corporation. I'm a retired [machinist|teacher|mail carrier] with a mortgage
Nobody asked the people who [actually live here|run businesses on {street}] what we [wanted|needed]
We came out tonight because [this affects every family on our block|our rent has gone up {small} years in a row]
I've lived here {years} years and I've never seen the {agency_short} [move this fast|this divided]
They're [solving|fixing] the wrong problem
[This|It] is going to [end up in court|cost more than anyone is saying], and [the taxpayers|we] will pay for it
Finally. We've been [asking|waiting] for this since [my kids were in grade school|before the pandemic]
""",
    claims="""
the city would [begin|start] enforcing {short} [in phases|gradually] [to give residents time to adjust|starting with the largest properties]
{short} had been [reviewed|vetted] by the city's lawyers and would [hold up|survive] in court
the {agency_short} [would revisit|planned to review] the [rules|measure] after a year
""",
    background="""
{town}'s population [grew|fell] by about {pct} between [2010|2015] and [2020|2025], according to [census figures|state estimates].
The [last time|previous time] the {agency_short} [took up|considered] a [similar|comparable] [proposal|measure], in {year_past}, it [failed|stalled] [on a tie vote|in committee|after a legal challenge].
The median home price in {town} [rose|climbed] from {money_k} in {year_past} to {money_k} this year, [according to|based on] [county records|figures cited during the hearing|a report by {university_any}].
""",
    closings="""
{short} [takes effect|goes into effect] {month_any} 1.
The {agency_short}'s next meeting is scheduled for {weekday_any} at {time} at City Hall.
[Opponents|Critics] [said they would|vowed to] [gather|collect] signatures to [force a referendum|put {short} before voters] [next year|in November].
""",
)

# ============================================================================== courts
CHARGES = [
    ("embezzling {money} from the {org}", "embezzlement", "theft and fraud"),
    ("second-degree murder in the {weekday2} shooting of {victim} outside a bar on {street}", "murder",
     "murder"),
    ("vehicular homicide in a crash that killed {victim} on Route {route}", "vehicular homicide",
     "vehicular homicide"),
    ("arson in a fire that destroyed a {street} apartment building", "arson", "arson"),
    ("bribery and wire fraud in a scheme to steer city contracts to a {town} paving company", "bribery",
     "bribery and fraud"),
    ("manslaughter in the death of {victim}, who was found beaten behind a {street} convenience store",
     "manslaughter", "manslaughter"),
    ("running a scheme that defrauded elderly residents of {money}", "fraud", "fraud"),
    ("armed robbery in a string of gas station holdups across {county}", "robbery", "armed robbery"),
    ("stealing {money} in donations from the {org}", "theft", "theft"),
]
ORGS = ["{town} Volunteer Fire Department", "{town} Little League", "{county} Food Bank",
        "{town} Water Authority", "Friends of the {town} Library", "{county} Veterans Council",
        "{town} Education Foundation"]


def court_facts(rng, f, people):
    victim_full = pick(rng, ["a 34-year-old", "a 19-year-old", "a 52-year-old", "a 27-year-old", "a 61-year-old"])
    charge, crime, hl_crime = pick(rng, CHARGES)
    f["evidence"] = pick(rng, ["bank records", "canceled checks", "emails and spreadsheets"]) if crime in (
        "embezzlement", "bribery", "fraud", "theft") else pick(rng, ["surveillance video", "phone records", "text messages",
                                                                  "video from a doorway camera"])
    fill = dict(money=money(rng, 0.3, 6), org=pick(rng, ORGS).format(town=f["town"], county=f["county"]),
                weekday2=pick(rng, ["January", "March", "June", "August", "October"]) + " " + str(
                    between(rng, 2023, 2025)),
                victim=f"{victim_full} {pick(rng, ['man', 'woman', 'father of two', 'college student', 'nurse'])}",
                street=f["street"], route=str(between(rng, 2, 99)), town=f["town2"], county=f["county"])
    fill["weekday2"] = fill["weekday2"]
    f["charge"] = charge.format(**fill)
    f["crime"] = crime
    f["hl_crime"] = hl_crime
    people["def"] = person(rng, "", f"{between(rng, 22, 67)}, of {f['town']}")
    f["def_last"] = people["def"].last
    f["def_she"] = people["def"].she
    f["def_her"] = people["def"].her
    f["def_full"] = people["def"].full
    f["verdict"] = "guilty"
    f["years_max"] = str(between(rng, 5, 40))
    f["deliberation"] = pick(rng, ["about four hours", "two days", "less than three hours", "parts of three days",
                                   "about nine hours"])
    f["trial_len"] = pick(rng, ["two-week", "weeklong", "three-week", "nine-day", "monthlong"])
    f["witnesses"] = str(between(rng, 8, 41))
    f["agency"] = f"{f['county']} Superior Court"
    f["agency_short"] = "court"
    f["event"] = f"the verdict in the {f['def_last']} case"
    people["off"] = person(rng, "Judge", f"the {f['county']} Superior Court judge presiding over the case")
    people["spox"] = person(rng, "", "a {spokes} for the district attorney's office")
    people["pros"] = person(rng, "Assistant District Attorney", "the lead prosecutor")
    people["res"] = person(rng, "", pick(rng, ["a relative of the victim", "a neighbor who attended every day of the trial",
                                               "a former co-worker of the defendant", "a cousin of the victim"]))
    people["exp"] = person(rng, "", f"a former prosecutor who teaches law at {university(rng)}")
    people["crit"] = person(rng, "", f"an attorney for {f['def_last']}")


COURTS = Topic(
    "courts", ["Crime & Courts", "Courts", "Local", "U.S. News", "Public Safety"], "AP AP local Reuters",
    court_facts,
    headlines="""
Jury finds {county} [man|defendant] {verdict} of {hl_crime}
{verdict} verdict in {town} {crime} trial
[Ex-official|Defendant] {def_last} found {verdict} [in|of] {hl_crime} [case|]
Jurors return {verdict} verdict after {deliberation} in {def_last} trial
{def_last} {crime} trial ends with {verdict} verdict
""",
    ledes="""
A {county} jury [on {weekday} found|found] {def_full}, {def_age}, {verdict} of {charge}, [ending|closing] a {trial_len} trial that [drew|had drawn] [packed courtrooms|daily crowds|close attention] in {town}.
Jurors [deliberated|spent] {deliberation} before [finding|declaring] {def_full} {verdict} [on {weekday}|{weekday}] of {charge}.
{def_full} [showed no emotion|bowed {def_her} head|wept quietly|stared straight ahead] as a jury in {town} [on {weekday} |]found {def_her_obj} {verdict} of {charge}.
A {trial_len} trial [ended {weekday}|came to a close on {weekday}] with a {county} jury finding {def_full} {verdict} of {charge}, a [case|prosecution] that [had shaken|deeply divided|gripped] [the small community|{town}|residents of {town}].
""",
    details="""
{def_last} [faces|could face] up to {years_max} years in prison [when {def_she} is sentenced|at sentencing] [in {month_any}|on {weekday_any}|next month], {@spox} said.
[Prosecutors|The prosecution] called {witnesses} witnesses [over|during] the trial, including [investigators|forensic accountants|a state police detective] who [walked jurors through|testified about] {evidence} [that|which] [they said|prosecutors said] [tied|linked] {def_last} to the [crime|scheme].
{@crit} [argued|told jurors] [in closing arguments|during the trial] that [the state's case|prosecutors' case] [rested on|relied on] [circumstantial evidence|the word of a witness who had made a deal with prosecutors|records that were incomplete].
{@off} [ordered {def_last} held without bail|allowed {def_last} to remain free on bond|ordered {def_last} taken into custody] [until sentencing|pending sentencing] [over the objection of|despite a request from] [the defense|prosecutors].
The [jury|panel] of [seven women and five men|eight women and four men|six men and six women] [sent|passed] {small} notes to the judge during deliberations, [asking|including one asking] to [rehear testimony|see exhibits again|have a definition of the charge read back].
{def_last} [did not testify during the trial|testified in {def_her} own defense on the fourth day of the trial, telling jurors {def_she} had done nothing wrong].
[Investigators|Detectives] said [the case began|they began looking at {def_last}] in {year_past} after [a routine audit|a tip from a co-worker|a bank flagged unusual transactions|a witness came forward].
{@pros} told jurors that {def_last} had "[lied to everyone who trusted {def_her_obj}|made a choice, and then tried to hide it|left a trail]," [pointing to|citing] {evidence} shown during the trial.
[Members of|Relatives of] the [victim's family|victim's family and friends] [hugged|embraced|wept] in the [courtroom gallery|hallway] after the verdict was read.
[The defense|{def_last}'s lawyers] [said they would appeal|plan to appeal|have 30 days to file an appeal], [arguing|saying] the judge [wrongly|improperly] [allowed|excluded] [key evidence|testimony from a defense expert].
The [case|trial] [was moved|had been moved] to {town} from {town2} [because of|after] [pretrial publicity|concerns about finding an impartial jury].
A [co-defendant|second person charged in the case] [pleaded guilty|took a plea deal] [earlier this year|in {month_any}] and [testified against|was a witness against] {def_last}.
""",
    quotes="""
Justice has been a long time coming. [We|The family] waited for this [day|moment] for {small} years
We [disagree|strongly disagree] with the jury's decision, but we respect the [process|jury system]
This [case|verdict] should [send|serve as] a [message|warning] to anyone who thinks [they can get away with this|public money is theirs to take]
The jury [listened carefully|did its job], and [we|the family] respect [the verdict|their decision]
This [verdict|outcome] [doesn't|does not] bring anyone back, but it [gives|brings] [some measure of|a little] [peace|accountability]
[Nobody|No one] is above the law, [no matter|regardless of] [what office they hold|who they know]
We [will|are going to] review the [verdict|decision] carefully and [consider|weigh] our options
The evidence [was overwhelming|spoke for itself]
This [case|prosecution] was about [accountability|the truth], and the jury saw that
""",
    voices="""
I [came|have been here] every day because somebody [had to|needed to] be here for [her|him]
We waited {small} years for this day
I [still|just] don't understand how [this happened|anyone could do this]
[He|She] was the person everybody [called|went to] when something went wrong
It [doesn't feel like|isn't] a victory. It's just [over|the end of something]
""",
    claims="""
[prosecutors|the office] would seek [the maximum sentence|a prison term|restitution for the victims]
the [defense|legal team] had [asked|sought] for a mistrial [twice|during the trial] and been denied
the [verdict|jury's decision] [showed|proved] that [the system works|the community takes these crimes seriously]
""",
    background="""
The {county} district attorney's office handles about {thousands} criminal cases a year with a staff of [about|roughly] {teens} [lawyers|assistant district attorneys].
{def_last} had [no prior criminal record|one earlier conviction, for {crime_minor}|worked for the {org2} for {years} years] before the [charges|arrest].
The [trial|case] was the [first|second] {crime} [trial|prosecution] in {county} [since {year_past}|this year|in more than a decade].
""",
    closings="""
Sentencing [is scheduled|was set] for {month_any} {day}.
{def_last} [remains|was returned to] the {county} Jail [pending sentencing|until then].
[The judge|{off_last}] [ordered|scheduled] a [pre-sentence investigation|sentencing hearing] [for early next year|in {month_any}].
""",
)


def court_facts_extra(rng, f, people):
    court_facts(rng, f, people)
    f["def_age"] = people["def"].desc.split(",")[0]
    f["def_her_obj"] = "her" if people["def"].she == "she" else "him"
    f["def_full"] = people["def"].full
    f["crime_minor"] = pick(rng, ["drunken driving", "misdemeanor theft", "check fraud", "disorderly conduct"])
    f["org2"] = pick(rng, ORGS).format(town=f["town"], county=f["county"])
    f["day"] = str(between(rng, 1, 28))


COURTS.facts = court_facts_extra

# ============================================================================== crime
INCIDENTS = [
    ("a shooting", "shooting", "was shot", "a man was shot in the parking lot of a {place}", "shot",
     ["aggravated assault and illegal possession of a firearm", "attempted murder"]),
    ("a stabbing", "stabbing", "was stabbed", "a woman was stabbed during a fight outside a {place}", "stabbed",
     ["aggravated assault", "attempted murder", "assault with a deadly weapon"]),
    ("an armed robbery", "robbery", "was robbed at gunpoint", "two men robbed a {place} at gunpoint", "robbed",
     ["armed robbery and conspiracy", "robbery and aggravated assault"]),
    ("a hit-and-run crash", "hit-and-run", "was struck by a pickup truck",
     "a pedestrian was struck by a driver who fled near a {place}", "struck",
     ["leaving the scene of a crash causing serious injury", "hit-and-run and reckless driving"]),
    ("a home invasion", "home invasion", "was beaten during a home invasion",
     "two men forced their way into a home near a {place} and beat a man inside", "attacked",
     ["home invasion and aggravated assault", "burglary and assault"]),
    ("a carjacking", "carjacking", "was forced out of a car at gunpoint", "a driver was forced from an SUV outside a {place}",
     "carjacked", ["carjacking and robbery", "robbery and kidnapping"]),
]
PLACES = ["convenience store", "gas station", "pharmacy", "housing complex", "laundromat", "bar",
          "pizza restaurant", "grocery store", "bus stop", "motel", "pawn shop", "car wash"]


def crime_facts(rng, f, people):
    inc, word, passive, desc, verb, charges = pick(rng, INCIDENTS)
    place = pick(rng, PLACES)
    f["incident"] = inc
    f["inc_word"] = word
    f["inc_passive"] = passive
    f["inc_desc"] = desc.format(place=place)
    f["place"] = place
    f["inc_verb"] = verb
    f["suspect_age"] = str(between(rng, 16, 58))
    f["victim_age"] = str(between(rng, 17, 84))
    f["hour"] = pick(rng, ["at about 11:30 p.m.", "shortly after 2 a.m.", "at around 9:15 p.m.", "just before 6 a.m.",
                           "at about 4:40 p.m.", "shortly before midnight"])
    f["block"] = f"{between(rng, 1, 39)}00 block of {f['street']}"
    f["agency"] = f"{f['town']} Police Department"
    f["agency_short"] = "department"
    f["event"] = f"the {word} on {f['street']}"
    f["charges"] = pick(rng, charges)
    people["off"] = person(rng, "Police Chief", f"the {f['town']} police chief")
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['town']} Police Department")
    people["res"] = person(rng, "", pick(rng, ["who lives across the street", "a neighbor", "who works at a nearby shop",
                                               "who was walking {his} dog nearby", "a witness"]))
    people["exp"] = person(rng, "", f"a criminologist at {university(rng)}")
    people["crit"] = person(rng, "", pick(rng, ["a community organizer", "a City Council member who represents the area",
                                                "the head of a neighborhood watch group"]))
    people["sus"] = person(rng, "", f"{f['suspect_age']}, of {f['town2']}")
    f["sus_full"] = people["sus"].full
    f["sus_last"] = people["sus"].last


CRIME = Topic(
    "crime", ["Crime", "Public Safety", "Local", "News", "Crime & Courts"], "local local AP",
    crime_facts, civic=False,
    headlines="""
[Police|Cops] [make arrest|arrest suspect] in {town} {inc_word}
{town} police investigating {inc_word} on {street}
[Man|Suspect], {suspect_age}, charged after {town} {inc_word}
{victim_age}-year-old hurt in {town} {inc_word}; suspect [in custody|sought]
""",
    ledes="""
[A {victim_age}-year-old|A {victim_age}-year-old {town} resident] {inc_passive} [late {weekday}|early {weekday}|on {weekday}] in the {block}, and police [arrested|charged] a {suspect_age}-year-old [man|suspect] [hours later|the next morning|a short time later], [authorities|police] said.
{town} police [are investigating|said {weekday} they were investigating] {incident} at a {place} in the {block} [that left one person hurt|that sent a {victim_age}-year-old to the hospital].
Police [on {weekday} |]charged {sus_full}, {suspect_age}, of {town2}, with {charges} after {inc_desc} [in {town}|on {street}] [earlier this week|on {weekday}|late {weekday}].
[Officers|Police] [were called|responded] to the {block} {hour} {weekday} after [reports|a 911 call] that {inc_desc}, [according to|said] the {agency}.
""",
    details="""
According to [the arrest affidavit|a criminal complaint filed in {county} District Court|charging documents], {sus_last} [told detectives|admitted to investigators] that {sus_she} had been [in the area|near the {place}] [that night|around the time of the {inc_word}] but [denied any involvement|said {sus_she} had nothing to do with it].
[Neighbors|People who live nearby] said they [heard|were awakened by] [shouting|a commotion|what sounded like a car crash] [around the time of the {inc_word}|late that night] and [saw|watched] [several|at least {small}] [police cruisers|patrol cars] [arrive|race up {street}] within minutes.
The {inc_word} was the [second|third|fourth|fifth] reported on {street} [since {month_any}|this year], a stretch where [residents|neighborhood leaders] have [repeatedly|long] asked the city to [add patrols|improve the lighting|install cameras].
[A|One] [store clerk|manager|cashier] who was working at the time [was not hurt|hid in a back room|called 911], [police said|according to {@spox.}], and [customers|other employees] were [allowed to leave|questioned and released] after the area was secured.
[Court records|Online court records] show {sus_last} has [prior convictions for|been arrested before on charges of] [theft and drug possession|burglary|assault|driving without a license] [in {county}|in {town2}] [dating back to {year_past}|over the past decade].
[Detectives from the state police|Investigators from the {county} Sheriff's Office] [joined|are assisting with] the investigation at the request of the {agency}, which has [only|just] {small} detectives assigned to violent crimes.
The victim was taken to {hospital} [with injuries that were not considered life-threatening|in serious condition|in critical but stable condition], {@spox} said.
[Officers|Investigators] [found|recovered] [a handgun|a knife|shell casings|a stolen license plate] [near the scene|in a trash bin a block away|in the suspect's car], according to [a police report|the arrest affidavit|court records].
[Surveillance video|Video from a doorbell camera|Footage from a nearby business] [helped detectives identify|allowed investigators to identify|helped investigators track] [the suspect|{sus_last}], [police said|{@off} said].
{sus_last} was [being held|booked] at the {county} Jail [on {money_k} bail|without bail|pending a court appearance on {weekday_any}].
It was not [immediately|] clear whether {sus_last} had [a lawyer|an attorney] who could [comment|speak on {sus_last_her} behalf].
[The {block}|The area around {street}] [has seen|had seen] {small} [shootings|robberies|violent incidents] [this year|since {month_any}], according to [police data|department records].
[Police|Investigators] said the [victim and suspect|two men] [knew each other|did not appear to know each other|had argued earlier in the evening].
[Officers|Police] [closed|blocked off] {street} between [{street_any} and {street_any}|two intersections] for [several hours|about {small} hours] while [detectives|crime scene technicians] [processed the scene|searched the area].
{@off} [said|told reporters] that [patrols would be increased|officers would be stationed] in the neighborhood [through the weekend|for the coming weeks].
Anyone with [information|video from the area] is asked to call the {agency} at 555-0{hundreds}[ or submit an anonymous tip online|].
""",
    quotes="""
We're asking anyone who was near {street} [that night|around that time] to [come forward|call us], even if they think what they saw [isn't important|doesn't matter]
[My|Our] thoughts are with the [victim's family|victim and their family]. [No one|Nobody] should have to [go through this|get that phone call]
[This arrest|Today's arrest] does not end our work. We still have to [build a case|make sure it holds up in court]
The officers who [responded|arrived first] did exactly what they were trained to do
This [kind of violence|is the kind of thing that] [has no place|should never happen] in our [city|community|neighborhoods]
Our [detectives|officers] worked [through the night|around the clock] on this, and I'm proud of them
We [believe|think] this was [an isolated incident|not a random attack], and there is no ongoing threat to the public
[We're|We are] still [trying to figure out|working to understand] what led up to this
""",
    voices="""
Everybody on this street knows [him|her]. That's what makes it so hard
I don't walk to the bus stop [at night|after dark] anymore. Not after this
I heard [what sounded like fireworks|yelling and then a loud bang|glass breaking], and then [everybody was running|the sirens started]
This used to be a [quiet|safe] [street|block]. [Now|Lately] I don't let my kids play out front
We've been asking the city for [more patrols|better lighting] for [years|a long time]
I [saw|watched] the police [pull up|come] from my window. [There were|I counted] {small} cars
""",
    claims="""
the suspect had been [released from jail|placed on probation] [weeks|months] before the {inc_word}
the department would review [its|the] response, as it does after every serious incident
[detectives|investigators] were [still|] working to [determine a motive|identify a second person seen on video]
[more charges|additional charges] [were possible|could be filed] as the investigation continued
""",
    background="""
The {agency} has about {hundreds} sworn officers and has struggled to fill vacancies [since {year_past}|in recent years], according to [city records|the police union].
{town} recorded {small} homicides [last year|in {year_past}], [down|up] from {teens} the year before, according to state crime statistics.
[Violent crime|Reported robberies] in {town} [fell|rose] about {pct} last year, according to [the department's annual report|state figures].
""",
    closings="""
[Police|The department] asked anyone with [doorbell|security] camera video from the [area|neighborhood] to contact detectives.
{sus_last} is [scheduled|due] to appear in court on {weekday_any}.
The investigation [is ongoing|remains open], [police said|according to the {agency}].
""",
)


def crime_facts_extra(rng, f, people):
    crime_facts(rng, f, people)
    f["hospital"] = hospital(rng, f["town"], f["county"])
    f["sus_last_her"] = people["sus"].her


CRIME.facts = crime_facts_extra

# ============================================================================== storm
STORMS = [
    ("snowstorm", "snow", "inches of snow", "a lake-effect snowstorm", "Snow"),
    ("ice storm", "ice", "inches of ice", "an ice storm", "Ice"),
    ("thunderstorms", "storm", "inches of rain", "a line of severe thunderstorms", "Storms"),
    ("flooding", "flood", "inches of rain", "heavy rain and flooding", "Flooding"),
    ("windstorm", "wind", "mph winds", "a powerful windstorm", "Winds"),
    ("blizzard", "blizzard", "inches of snow", "a blizzard", "Blizzard"),
]


def storm_facts(rng, f, people):
    kind, word, unit, desc, hl = pick(rng, STORMS)
    f["storm"] = desc
    f["storm_word"] = word
    f["storm_kind"] = kind
    f["storm_hl"] = hl
    amount = between(rng, 60, 95) if "mph" in unit else between(rng, 2, 38)
    f["amount"] = f"{amount} {unit}"
    f["peak"] = f"gusts reached {amount} mph" if "mph" in unit else f"totals reached {amount} {unit}"
    f["outages"] = comma(between(rng, 40, 900) * 100)
    utility = f"{pick(rng, TOWN_ROOTS)} {pick(rng, ['Power', 'Electric', 'Energy', 'Power & Light'])}"
    f["utility"] = utility
    f["route"] = pick(rng, ["Interstate", "Route", "Highway", "State Route"]) + f" {between(rng, 2, 96)}"
    f["agency"] = f"{f['county']} Emergency Management Agency"
    f["agency_short"] = "agency"
    f["event"] = f"the {kind}"
    f["deaths"] = pick(rng, ["no deaths were reported", "at least one death was blamed on the storm",
                             "two deaths were blamed on the storm", "no serious injuries were reported"])
    people["off"] = person(rng, "", f"the {f['county']} emergency management director")
    people["spox"] = person(rng, "", f"a {{spokes}} for {utility}")
    people["res"] = person(rng, "", pick(rng, ["who lives on {s}", "a {t} resident", "who was shoveling {his} driveway",
                                               "who runs a diner on {s}", "a retiree in {t}"]).format(
        s=f["street"], t=f["town"], his="{his}").replace("{his}", "her" if rng.random() < 0.5 else "his"))
    people["exp"] = person(rng, "", "a meteorologist with the National Weather Service")
    people["crit"] = person(rng, "", pick(rng, ["a state representative from {c}", "a county commissioner"]).format(c=f["county"]))


STORM = Topic(
    "storm", ["Weather", "Local", "U.S. News", "News", "Regional"], "AP CNN local Reuters",
    storm_facts, civic=False,
    headlines="""
{storm_hl} [slam|batter|pummel] {county}; {outages} without power
[Up to|Nearly] {amount} [strands drivers|shuts roads] in {state_name_hl}
{storm_kind} [knocks out power|cuts power] to {outages} in {county}
[Crews race to restore power after|Cleanup begins after] {storm_kind} hits {town}
""",
    ledes="""
{storm} [swept|tore|moved] through {county} [on {weekday}|{weekday} night|overnight], [dumping|bringing|leaving] [up to|as much as] {amount} [in some areas|in places|around {town}], knocking out power to [about|more than|nearly] {outages} customers and [closing|shutting] {route}.
[Crews|Utility crews] [worked through the night|were working {weekday}] to restore power to [about|more than] {outages} [homes and businesses|customers] in {county} after {storm} [brought|delivered] {amount} [to the region|to {town} and surrounding towns].
[Residents|People] across {county} [spent {weekday}|woke {weekday} to] [digging out|cleaning up|assessing damage] after {storm} [left|brought] [as much as|up to] {amount}, [downing trees|stranding drivers|flooding basements] and [cutting power|knocking out power] to {outages} customers.
{storm} [hit|struck] {town} [harder than forecasters expected|faster than expected|with little warning] [on {weekday}|{weekday} afternoon], [and|as] officials [urged|told] residents to stay off the roads[ as {amount} piled up|].
""",
    details="""
[At the peak of the storm|By {time}], {utility}'s outage map showed [more than|nearly] {outages} customers [in the dark|without power], [most of them|many] in [{town}, {town2} and rural parts of {county}|the hills east of {town}].
{town} Regional Airport canceled [dozens of|more than {teens}] flights, and the regional [bus|rail] service [suspended|cut back] [routes|service] through {county} [until conditions improve|for the rest of the day].
[Farmers|Orchard owners|Dairy farmers] around {town2} said the storm [damaged|flattened|tore the roofs off] [barns|greenhouses|fields] that had [already struggled after|been hit hard by] [a dry summer|last year's flooding].
[Emergency crews|Firefighters] [rescued|helped] [at least|more than] {small} people [from stranded cars|from flooded homes|after trees fell on houses] during the height of the storm, {@off} said, and no one was seriously hurt in those calls.
{@exp} said the storm [intensified|strengthened] [quickly|unusually fast] when [cold air|a strong cold front] moved over [the warm waters of|moist air above] {river}, a pattern [forecasters|meteorologists] watch closely every [fall|winter].
{utility} said [it had brought in|more than] {hundreds} [line workers|crews] [from neighboring states|from as far away as {state2}] and [expected|hoped] to restore [most|nearly all] customers [by {weekday_any}|within {small} days].
[State police|Troopers] [responded to|reported] [more than|nearly] {hundreds} [crashes|spinouts and crashes|calls for stranded drivers] [on {route}|across the region] [by {weekday} evening|over {small} hours].
The National Weather Service [said|reported] [the heaviest|the worst of the] [snow|rain|wind] fell [between {time} and {time}|overnight|in a narrow band east of {town}], [where|and] {peak}.
[Schools|School districts] in {town}, {town2} and [at least|more than] {small} other [communities|districts] [closed|canceled classes] {weekday}, and [several|dozens of] [warming centers|shelters] opened [at fire stations and churches|in schools and libraries].
{deaths}, [officials said|according to {@off.}].
[A section of|Part of] {route} [was closed|remained closed] for [hours|much of the day] after [a tractor-trailer jackknifed|several vehicles slid off the road|a tree fell across both lanes] near {town2}.
[The storm|The {storm_kind}] [was the first|was the worst|was the biggest] of the [season|year] [for the region|in {county}] [and came|coming] [weeks earlier than usual|after an unusually mild {month_any}].
{@off} said [plow drivers|road crews] had been working [12-hour|16-hour|double] shifts [since|starting] {weekday}[ and that|, adding that] [salt supplies|fuel and salt] [were holding up|were running low in some towns].
The governor [declared|issued] a state of emergency for {county} and {small} [other|neighboring] counties, [freeing up|allowing] [state resources|the National Guard] to [help|assist] with [cleanup|rescues].
[Forecasters|The weather service] [expect|predicted] [another round of|more] [snow|rain|wind] [by the weekend|on {weekday_any}], [which could|threatening to] [slow repairs|complicate cleanup].
""",
    quotes="""
The biggest [concern|worry] [right now|tonight] is [people trying to heat their homes with generators|downed lines that are still live]
[Crews|Our people] have been out there [since before dawn|for {teens} hours straight], and they'll keep going until the lights are back on
We plan for storms like this every year, but this one [tested|stretched] [every resource we have|all of our crews]
[We've|We have] got crews out [everywhere|in every part of the county], but [this is going to take time|it's going to be a long couple of days]
If you don't have to be on the roads, please [stay home|stay off them]
This one [came in|hit] [harder|faster] than [anyone|the models] [expected|predicted]
We [know|understand] people are [cold and frustrated|tired of waiting], and we're doing everything we can
""",
    voices="""
We filled the bathtub [with water|in case the pipes freeze] and [hauled|brought] [firewood|extra blankets] inside
[My|Our] [basement|garage] [took on|got] about {small} feet of water. Everything down there is [gone|ruined]
I've lived here {years} years and I've never seen it [come down like this|this bad]
We lost power around [dinner time|midnight] and we've been [using the fireplace|sleeping in our coats] since
The plow came by once. Once
[My neighbor's|A big] [maple|oak] tree [came down on|crushed] [the garage|my car] [around 3 in the morning|overnight]
""",
    claims="""
[crews|the utility] had restored power to [about|more than] half of the [affected customers|customers who lost it] by {weekday} evening
the county would tally storm costs to see whether it qualifies for [state|federal] disaster aid
[residents|people] should [check on elderly neighbors|avoid downed power lines] and [report outages online|call 911 only for emergencies]
it could be [days|the weekend] before power was fully restored in [rural|outlying] areas
""",
    background="""
The previous [storm|{storm_kind}] of comparable strength [hit|struck] the region in {year_past}, when [more than|nearly] {outages} customers were left without power for [up to|as long as] a week.
{utility} has [spent|invested] [about|roughly] {money} [over the past|in the last] {small} years [trimming trees|burying power lines] to limit damage from storms like this one.
[The region|{county}] [averages|typically sees] about {teens} [inches of snow|inches of rain] in {month_any}, according to the weather service.
""",
    closings="""
[Residents|People] can report outages by calling 1-800-555-0{hundreds} and [check|follow] [updates|road conditions] on the county's [website|social media accounts].
[Updates|Outage maps] are posted on {utility}'s website.
[Cleanup|Debris pickup] [is expected to|will] [begin|start] on {weekday_any}, [officials said|the county said].
""",
)


def storm_facts_extra(rng, f, people):
    storm_facts(rng, f, people)
    f["state2"] = pick(rng, ["Ohio", "Tennessee", "Georgia", "Kentucky", "Michigan", "Virginia", "Missouri", "Texas"])
    f["state_name_hl"] = f["state"]


STORM.facts = storm_facts_extra

# ============================================================================== business
PLANT_ACTIONS = [
    ("open", "will open a {site} in {town}", "opening", "bringing about {jobs} jobs", "to open {site} in {town}, adding {jobs} jobs"),
    ("close", "will close its {site} in {town}", "closing", "eliminating about {jobs} jobs", "to close {town} {site}, cutting {jobs} jobs"),
    ("expand", "will expand its {site} in {town}", "expansion", "adding about {jobs} jobs", "to expand {town} {site}"),
    ("layoffs", "will lay off {jobs} workers at its {site} in {town}", "layoffs", "cutting about {jobs} jobs", "to lay off {jobs} in {town}"),
]


def business_facts(rng, f, people):
    name, sector, blurb, site = company(rng)
    action, what, noun, effect, hl = pick(rng, PLANT_ACTIONS)
    jobs = comma(between(rng, 4, 120) * 10)
    fill = dict(site=site, town=f["town"], jobs=jobs)
    f["company"] = name
    f["blurb"] = blurb
    f["site"] = site
    f["action"] = action
    f["what"] = what.format(**fill)
    f["noun"] = noun
    f["effect"] = effect.format(**fill)
    f["hl"] = hl.format(**fill)
    f["jobs"] = jobs
    f["invest"] = money(rng, 12, 900)
    f["hq"] = f"{town(rng)}, {pick(rng, ['Ohio', 'Wisconsin', 'Texas', 'Georgia', 'Utah', 'Indiana', 'Oregon'])}"
    f["wage"] = f"${between(rng, 17, 38)}"
    f["incentive"] = money(rng, 1, 40)
    f["agency"] = name
    f["agency_short"] = "company"
    f["event"] = f"{name}'s announcement"
    f["year_done"] = str(between(rng, 2027, 2029))
    people["off"] = person(rng, "", f"{name}'s chief executive")
    people["spox"] = person(rng, "", f"a {{spokes}} for {name}")
    people["res"] = person(rng, "", pick(rng, ["who has worked at the plant for {y} years", "a forklift operator at the site",
                                               "who owns a diner down the road from the plant", "a shift supervisor"]).format(y=between(rng, 4, 30)))
    people["exp"] = person(rng, "", f"an economist at {university(rng)}")
    people["crit"] = person(rng, "", pick(rng, ["president of the local union", "a state senator whose district includes {t}"]).format(t=f["town"]))
    people["econ"] = person(rng, "", f"the director of the {f['county']} Economic Development Corp.")


BUSINESS = Topic(
    "business", ["Business", "Economy", "Local Business", "Money", "Business News"], "AP Reuters local",
    business_facts, civic=False,
    headlines="""
{company} [plans|says it will] {hl}
{company} {noun} [to hit|will reshape] {town}
{company} [picks|chooses] {town} for {invest} {site}
[Big changes for {town}: |]{company} announces {noun}
""",
    ledes="""
{company}, [a|the] {blurb} based in {hq}, [said {weekday} it|announced {weekday} that it] {what}, {effect} [and investing about {invest}|over the next {small} years|by {year_done}].
[The|A] {blurb}, {company}, {what}, {effect}, [the company|company officials] [said {weekday}|announced {weekday}].
{company} {what}, [the company said {weekday}|according to a statement released {weekday}], [a move that will|in a decision that will] [reshape|ripple through] the economy of {town} and {county}.
[Workers at|Employees of] {company}'s {site} in {town} [learned {weekday}|were told {weekday}] that the company {what_short}, {effect}.
""",
    details="""
The announcement [comes|came] as {company} [faces|contends with] [rising costs|slowing demand|pressure from investors] [and|after] [a {pct} drop in profit last quarter|a year of restructuring|the loss of a major customer].
[Local officials|Economic development officials] had courted {company} for [more than a year|about {teens} months], pitching {town} [for|because of] [its rail access|its location near {route}|its supply of trained workers].
[The|A] regional community college said it would [create|expand] a [training program|certificate course] in [machine operation|logistics|industrial maintenance] to prepare residents for [the new positions|jobs at the site].
{company}'s {site} in {town} [opened|was built] in {year_past} and at its peak employed [more than|nearly] {thousands} people, according to [state records|a history published by the company].
The company [said|told state officials] [the average wage|wages at the site] would be about {wage} an hour, [plus benefits|not counting overtime|above the county average].
[State|County] officials [offered|approved] {incentive} in [tax credits|incentives|grants and tax breaks] [to win the project|tied to hiring targets|over 10 years], according to [documents released {weekday}|the state commerce department].
{@off} said in a statement that the [decision|move] [reflected|followed] [months of study|a review of the company's operations|strong demand for its products].
{company} [employs|has] about {thousands} people [nationwide|in {small} states|worldwide] and [reported|posted] [revenue|sales] of {money} last year.
[Construction|Work] [is expected to|will] [begin|start] [in {month_any}|next spring|later this year], and [the site|the plant] [should|is expected to] [be running|reach full staffing] by {year_done}.
{@econ} said the [project|announcement] [would|could] [ripple|spread] [through|across] [the local economy|{county}], [affecting|helping] [suppliers, restaurants and trucking companies|small businesses that depend on the plant].
[Shares|Stock] of {company} [rose|fell] {pct_small} [in trading {weekday}|after the announcement|in afternoon trading].
[Union leaders|The union that represents workers at the site] said they [had not been|were not] [consulted|told in advance] [about the plan|before the announcement].
The {site} [sits|will sit] on [a|an] {teens}-acre [site|parcel] [off {street}|near {route}|in an industrial park on the edge of {town}] that [once held|used to be] [a paper mill|a tire factory|farmland].
[Workers|Employees] who [lose their jobs|are affected] will [receive|be offered] [severance|help finding new work|transfers to other plants], the company said.
""",
    quotes="""
We have called {town} home for a long time, and that is not changing
This investment [is|shows] [a vote of confidence|confidence] in the [people|workers] of {county}
We will treat every employee affected by this [with respect|fairly] and help them [find their next job|through the transition]
[Our customers have|The market has] changed, and we [have to|need to] change [with it|too]
{town} [has|had] exactly what we were looking for: [a skilled workforce|good people], [room to grow|land] and [a community that wants us there|partners who move quickly]
This was [a difficult|not an easy] decision, and it [is|was] not a reflection of the [people|workers] at this [site|plant]
We [expect|believe] demand [for our products|in this market] [will|to] keep growing for [years|a long time]
[These are|These will be] good jobs, the kind [people can raise a family on|that keep young people from leaving]
""",
    voices="""
[My dad|My father] worked there. [His brother|My uncle] worked there. That plant is [the reason|why] [a lot of us|this town] [are|is] still here
[A lot of|Most of] the people I work with have been there [longer than I have|their whole lives]
We [heard|read] about it [on the news|on Facebook] before [the company|anybody] told us
[When|If] the plant [does well|does badly], [this whole town|everybody on this road] [does well|feels it]
I've got {small} years until I can retire. [Now what|I don't know what happens now]
""",
    claims="""
{company} [would|planned to] keep [its headquarters|its research staff] in {hq}
severance would depend on years of service
the company [would|planned to] [hire locally|recruit from nearby community colleges] [where possible|first]
[talks with|discussions with] [the state|the union] were [continuing|ongoing]
""",
    background="""
{county}'s unemployment rate was {pct_small} in {month_any}, [compared with|below|above] the statewide rate, according to the [state labor department|latest state figures].
{company} [was founded|got its start] in {year_past} [as a small|as a family-owned] [supplier|business] [in {hq}|with {small} employees].
[Manufacturing employment|Factory jobs] in {county} [fell|dropped] by [nearly|about] a third between [2000|2005] and [2020|2024], according to [state labor data|federal figures].
""",
    closings="""
{company} is scheduled to report quarterly results in {month_any}.
[Hiring|Applications] [will begin|are expected to open] in {month_any}, the company said.
The [plant|site] [is expected to|will] [close|open] by {year_done}.
""",
)


def business_facts_extra(rng, f, people):
    business_facts(rng, f, people)
    f["what_short"] = f["what"]
    f["route"] = pick(rng, ["Interstate", "Route", "Highway"]) + f" {between(rng, 2, 96)}"


BUSINESS.facts = business_facts_extra

# ============================================================================== sports
MASCOTS = ["Harriers", "Ironmen", "Comets", "Pioneers", "Kestrels", "Foxes", "Miners", "Rivermen",
           "Stallions", "Owls", "Bulldogs", "Falcons", "Rams", "Wolves", "Chargers", "Mariners", "Lancers",
           "Thunder", "Blaze", "Otters", "Cardinals", "Hornets", "Titans", "Raptors"]
SPORTS = [("football", "touchdown", "yards", "quarterback", "running back", "field goal", "the fourth quarter"),
          ("basketball", "3-pointer", "points", "guard", "forward", "layup", "the final minute"),
          ("hockey", "goal", "points", "center", "winger", "power-play goal", "the third period"),
          ("soccer", "goal", "shots", "forward", "midfielder", "penalty kick", "the second half")]


def sports_facts(rng, f, people):
    sport, score_word, stat, pos1, pos2, play, late = pick(rng, SPORTS)
    home = f"{f['town']} {pick(rng, MASCOTS)}"
    away = f"{town(rng)} {pick(rng, MASCOTS)}"
    if sport == "football":
        a, b = between(rng, 17, 45), between(rng, 3, 38)
    elif sport == "basketball":
        a, b = between(rng, 62, 94), between(rng, 50, 89)
    else:
        a, b = between(rng, 2, 6), between(rng, 0, 4)
    if b >= a:
        b = a - 1 if a > 0 else 0
    home_wins = rng.random() < 0.6
    f["winner"], f["loser"] = (home, away) if home_wins else (away, home)
    f["w_short"] = f["winner"].split()[-1]
    f["l_short"] = f["loser"].split()[-1]
    f["score"] = f"{a}-{b}"
    f["sport"] = sport
    f["score_word"] = score_word
    f["stat"] = stat
    f["pos1"] = pos1
    f["pos2"] = pos2
    f["play"] = play
    f["late"] = late
    f["stat_n"] = str(between(rng, 3, 34) if stat != "yards" else between(rng, 90, 340))
    f["record"] = f"{between(rng, 5, 14)}-{between(rng, 0, 5)}"
    f["stat_n2"] = str(between(rng, 2, 28) if stat != "yards" else between(rng, 60, 250))
    f["ordinal"] = pick(rng, ["third", "fourth", "fifth", "sixth", "seventh", "eighth"])
    f["round"] = pick(rng, ["the state semifinals", "the regional final", "the conference championship",
                            "the season opener", "a key division game", "the playoff quarterfinals"])
    f["agency"] = f["winner"]
    f["agency_short"] = "team"
    f["event"] = f"the {f['w_short']}' win over the {f['l_short']}"
    f["crowd"] = comma(between(rng, 12, 190) * 100)
    f["venue"] = f"{pick(rng, LAST)} {pick(rng, ['Stadium', 'Field', 'Arena', 'Fieldhouse', 'Park'])}"
    people["star"] = person(rng, "", f"the {f['w_short']}' {pos1}", female=False)
    f["star_last"] = people["star"].last
    people["off"] = person(rng, "coach", f"the {f['w_short']}' coach", female=False)
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['w_short']}")
    people["res"] = person(rng, "", pick(rng, ["a season-ticket holder since {y}", "who drove {n} miles for the game",
                                               "a fan from {t}"]).format(y=between(rng, 1985, 2015), n=between(rng, 20, 300), t=f["town2"]))
    people["exp"] = person(rng, "", f"the {f['l_short']}' {pos2}", female=False)
    people["crit"] = person(rng, "coach", f"the {f['l_short']}' coach", female=False)


SPORTS_TOPIC = Topic(
    "sports", ["Sports", "High School Sports", "Local Sports", "Sports News"], "AP local local",
    sports_facts, civic=False, quiet_roles=("spox",),
    headlines="""
{w_short} [beat|top|edge|rout] {l_short} {score}[ in {round}|]
{star_last} [leads|powers|lifts] {w_short} past {l_short}
{w_short} [hold off|rally past|cruise past] {l_short}, {score}
""",
    ledes="""
The {winner} [needed|got] {stat_n} {stat} from {@star} and a [late|fourth-quarter|final-minute] {play} to [beat|get past] the {loser} {score} [on {weekday}|{weekday} night] in {round}, [keeping|extending] [their|a] [season|winning streak] [alive|to {small} games].
{@star} [scored|accounted for] {stat_n} {stat} and [threw|scored|set up] the [go-ahead|winning|clinching] {score_word} in {late}, [lifting|leading|carrying] the {winner} past the {loser} {score} [on {weekday}|{weekday} night] in {round}.
The {winner} [held off|survived a late push by|pulled away from] the {loser} {score} [on {weekday}|{weekday} night] at {venue}, [improving|moving] to {record} [behind|thanks to] {stat_n} {stat} from {@star.}.
[It took|It wasn't until] {late} for the {winner} to [put away|shake off|finally break] the {loser}, but [when they did|once they did], [it was decisive|the {score} final looked easy].
""",
    details="""
{star_last} [finished with|had] {stat_n} {stat}, [a career high|a season high|his best total since {month_any}], [and added|along with] [a {play}|two assists|a key block] [late in the game|in {late}].
The {loser} [led|had led] by {small} [points|at halftime|early in the game] before [the {w_short} answered|momentum swung] with [a 12-0 run|{small} straight scores|a pair of quick {score_word}s].
A crowd of {crowd} [packed|filled] {venue}, [the largest|its biggest] [of the season|since the stadium opened|in {small} years].
[The|This] win [sends|puts] the {w_short} into [the next round|next week's final|first place in the conference], where they will [face|play] [the winner of {weekday}'s game|{town_any} on {weekday_any}].
[A|The] {play} [with|in the final] {small} minutes [left|remaining] [proved decisive|sealed it|cut the lead to one].
{@crit} [said|told reporters] his team [had|made] too many [mistakes|turnovers|penalties] [to beat a team like {w_short}|in the second half].
[The {l_short}|The losing team] [fell|dropped] to [{record}|a .500 record] and [has|have] lost {small} of [its|their] last {teens} [games|meetings with the {w_short}].
[Injuries|An injury to their starting {pos2}] [forced|left] the {l_short} to [shuffle their lineup|play a freshman] [for most of the game|after halftime].
[The|Both] [teams|defenses] traded [scores|leads] through [most of|] the first half, and neither team led by more than {small} until [the {w_short} pulled ahead|{late}].
{@exp} finished with {stat_n2} {stat} for the {l_short}, [but was held in check in the second half|but the {w_short} shut him down late].
The [crowd|home crowd] [rose to its feet|erupted] when {star_last} [broke free|found an opening] with {small} minutes [left|remaining], and the noise did not let up until the final [whistle|buzzer].
It was the {w_short}' {ordinal} straight [victory|win], [their longest streak|the team's best run] since {year_past}, and it [moved|kept] them [a game ahead of|tied with] {town_any} in the [standings|conference race].
[Turnovers|Penalties|Mistakes] [hurt|cost] the {l_short} [all night|again], and they [committed|were called for] {small} in the first half alone, several of them deep in their own [end|territory].
""",
    quotes="""
[These guys|Our kids] [never quit|kept believing|played for each other] [tonight|all night]
We [talked at halftime|said in the locker room] about [playing our game|staying patient], and they [did it|responded]
[That's|This is] [a good team|a tough team] over there, and we [knew|knew all week] it [would|was going to] be a fight
[I|We] just tried to make plays when [my teammates|the team] needed them
We told them [before the game|all week] that nobody expected us to be here. That's [fuel|motivation]
You have to give credit to {l_short}. They made us earn every [point|yard|goal]
[When|If] we [play|defend] like that, we can [beat|compete with] anybody
""",
    voices="""
I've been coming to these games since I was a kid and I've never heard it this loud
[That last drive|The last five minutes] [took|about took] {small} years off my life
My [son|grandson] [plays|played] on the freshman team. Watching these kids is the best part of my [week|year]
We drove [all the way|three hours] from {town_any}. [Worth|Totally worth] it
""",
    claims="""
the team would [take a day off|rest its starters] before [preparing|getting ready] for [next week|the final]
the injured {pos2} should [be ready|return] [for|by] [next week|the playoffs]
""",
    background="""
The {w_short} [last won|have not won] [a title|the championship] [in|since] {year_past}.
The [rivalry|series] between the {w_short} and {l_short} dates back to {year_past}, and the {w_short} [lead|hold] the all-time series {record}.
""",
    closings="""
The {w_short} [play|host] {town_any} on {weekday_any}.
[Tickets for|Seating at] next week's game [go on sale|will be released] {weekday_any}.
""",
)

# ============================================================================== health
DISEASES = [("measles", "cases", "measles, mumps and rubella vaccine"), ("whooping cough", "cases", "Tdap vaccine"),
            ("hepatitis A", "cases", "hepatitis A vaccine"), ("norovirus", "illnesses", "handwashing"),
            ("Legionnaires' disease", "cases", "water testing"), ("salmonella", "illnesses", "food safety inspections"),
            ("flu", "hospitalizations", "flu vaccine"), ("RSV", "hospitalizations", "RSV vaccine")]


def health_facts(rng, f, people):
    disease, unit, remedy = pick(rng, DISEASES)
    f["disease"] = disease
    f["cases_unit"] = unit
    f["remedy"] = remedy
    f["cases"] = str(between(rng, 4, 140))
    f["hosp"] = str(between(rng, 1, 19))
    f["setting"] = pick(rng, ["an elementary school", "a nursing home", "a church daycare", "a restaurant on {s}",
                              "a summer camp", "a county jail", "a senior center"]).format(s=f["street"])
    f["agency"] = f"{f['county']} Health Department"
    f["agency_short"] = "health department"
    f["event"] = f"the {disease} outbreak"
    f["hospital"] = hospital(rng, f["town"], f["county"])
    f["clinics"] = number_ap(between(rng, 2, 9))
    f["rate"] = f"{between(rng, 71, 96)}%"
    people["off"] = person(rng, "Dr.", f"the {f['county']} health officer")
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['county']} Health Department")
    people["res"] = person(rng, "", pick(rng, ["a mother of three in {t}", "whose son attends the school",
                                               "a pharmacist in {t}", "whose father lives at the home"]).format(t=f["town"]))
    people["exp"] = person(rng, "Dr.", f"an infectious disease specialist at {f['hospital']}")
    people["crit"] = person(rng, "", pick(rng, ["a county commissioner", "a parent who has questioned the response"]))


HEALTH = Topic(
    "health", ["Health", "Local", "Health News", "U.S. News"], "AP CNN local",
    health_facts, civic=False,
    headlines="""
{disease} [outbreak|cases] [grow|grows|climb] to {cases} in {county}
{county} [confirms|reports] {cases} {disease} {cases_unit}[, opens vaccine clinics|]
Health officials [trace|link] {disease} outbreak to {setting_hl}
""",
    ledes="""
[Parents|Families] in {town} [lined up|waited in line] [for hours|outside a clinic] {weekday} [as|after] the {agency} [reported|confirmed] {cases} {disease} {cases_unit}, [the largest|the worst] outbreak of the disease in {county} [in years|since {year_past}].
[Health officials|The {agency}] [on {weekday} confirmed|confirmed {weekday}] {cases} {disease} {cases_unit} [in|across] {county}, [most of them|many of them] [linked to|tied to] {setting}, and [said|warned] the number [is likely to|could] [grow|rise] [in the coming weeks|as testing continues].
[An outbreak of|A cluster of] {disease} [linked to|traced to] {setting} in {town} has [grown|climbed] to {cases} {cases_unit}, [including|with] {hosp} [people hospitalized|hospitalizations], [the {agency} said {weekday}|county health officials said {weekday}].
{county} will [open|hold] {clinics} [free|walk-in] [vaccine|testing] clinics [this week|starting {weekday_any}] as [officials|health workers] [try|race] to [contain|slow] {disease} [after|following] {cases} confirmed {cases_unit}.
""",
    details="""
State data show {cases_unit} across {state} have [more than doubled|risen sharply] [since {month_any}|compared with the same period last year], and many of them are among [children under 5|adults over 65|unvaccinated people].
The facility has [suspended|limited] [visits|group activities|field trips] while [staff|workers] [disinfect|deep-clean] [common areas|classrooms] and screen everyone who enters for symptoms.
{@off} urged [parents|residents] to [check|review] their [vaccination records|children's immunization records] and to call [their doctor|a health care provider] [before|rather than] [going to|showing up at] [an emergency room|urgent care] if they develop symptoms.
[Testing|Lab results] linked [the|all] {cases} {cases_unit} to [a single|the same] [strain|source], which [investigators|state epidemiologists] believe was [introduced|brought in] by [a traveler|an infected food worker|a visitor] [in {month_any}|earlier this month].
[Pharmacies|Clinics] in {town} reported [long lines|a rush of patients] [for|seeking] [vaccines|shots] after the outbreak was [announced|made public], and [some|several] [ran out of|temporarily ran short of] doses by {weekday}.
[Of those|Among those] [sickened|infected], {hosp} [have been|were] hospitalized, [and none have died|including {small} children|most of them older adults], {@spox} said.
[Vaccination rates|The vaccination rate] [among kindergartners|in the county] [stands at|fell to] {rate}, [below|well below] the [level|threshold] [experts say is needed|needed] to [prevent outbreaks|protect the community], according to state data.
[Investigators|Health workers] [are contacting|have contacted] [hundreds of|more than {hundreds}] people who may have been exposed [at|while visiting] {setting} [between|from] {month_any} {teens} and {month_any} {teens}.
{@exp} said [symptoms|the first symptoms] [usually|typically] [appear|show up] {small} to {teens} days after exposure and [include|can include] [fever, cough and a rash|vomiting and diarrhea|fever and a persistent cough].
[The clinics|Clinics] will be held at [the {town} Public Library|{town} High School|the county fairgrounds|a church on {street}] [from {time} to {time}|on {weekday_any} and {weekday_any}].
[Doctors|Pediatricians] at {hospital} [said they had seen|reported] [a jump in|more] [patients|calls from worried parents] [since|after] the outbreak was announced.
[The state health department|State health officials] [sent|dispatched] {small} [epidemiologists|nurses] to help [trace contacts|run the clinics][ and said|, saying] they were [monitoring|watching] [neighboring counties|schools in the area] [closely|for new cases].
{@crit} [questioned|criticized] [why|how long] the {agency_short} [waited|took] to [notify|alert] [parents|the public] [after|about] the first confirmed case.
""",
    quotes="""
If you're [sick|not feeling well], please stay home. That is the [single best|most effective] thing anyone can do
Our [staff|nurses] have been [working|putting in] [long hours|extra shifts] to reach every [family|person] who may have been exposed
We will be transparent about [the numbers|what we know] as this [unfolds|goes on]
[The best thing|The most important thing] people can do [right now |]is [get vaccinated|stay home if they're sick]
We [expect|fully expect] to see more cases before this [is over|gets better]
This [is|was] preventable, and that's [what makes it so frustrating|the hard part]
[We're|We are] [working closely|in daily contact] with the [school|facility] and state [officials|health officials]
""",
    voices="""
We've kept [my kids|the baby] home [all week|since Monday]. I'm not taking any chances
The pharmacist told me they got {small} calls an hour asking about shots
[I|We] [got the call|found out] [on a Friday night|from another parent], and [honestly|frankly] [I panicked|we were scared]
[I|We] just want to know [our kids are safe|what's being done]
[Nobody|No one] [told|warned] us [anything|until it was already in the news]
""",
    claims="""
the department would post updated case counts every weekday
[most|the majority] of the people [sickened|infected] [had not been vaccinated|were over 65]
[cases|the outbreak] [appeared to be|seemed] [leveling off|slowing] but it was too early to say for sure
""",
    background="""
{hospital} is the [only|largest] hospital in {county}, with about {hundreds} beds.
Public health departments across {state} lost [staff|nurses and epidemiologists] when [federal|emergency] [funding|grants] [ran out|expired] [in|after] {year_past}.
{county} [last reported|had] a {disease} outbreak in {year_past}, when {teens} people [fell ill|were sickened].
""",
    closings="""
[People|Residents] with questions can call the {agency} at 555-0{hundreds} [from 8 a.m. to 5 p.m.|on weekdays].
The {agency} plans to update case counts on its website each {weekday_any}.
[Information about|A schedule of] the clinics is [available|posted] on the {agency}'s website.
""",
)


def health_facts_extra(rng, f, people):
    health_facts(rng, f, people)
    f["setting_hl"] = f["setting"].replace("an ", "").replace("a ", "", 1)


HEALTH.facts = health_facts_extra

# ============================================================================== transport
PROJECTS = [
    ("the {street} Bridge", "closed indefinitely", "closure", "corrosion in its steel support beams", "bridge", "vehicles"),
    ("{route}", "reduced to one lane in each direction", "lane closures", "a two-year repaving project", "highway",
     "vehicles"),
    ("the {town} commuter rail line", "cut back to weekday service only", "service cuts",
     "a shortage of train operators", "rail", "riders"),
    ("the {town} bus system", "scaled back, with fares rising by 50 cents", "fare increase and service cuts",
     "a budget shortfall", "bus", "riders"),
    ("the {street} Bridge", "closed to trucks", "weight limits", "cracks found in its concrete deck", "bridge",
     "vehicles"),
    ("the {street} overpass", "closed for emergency repairs", "closure", "a chunk of concrete falling onto the road below",
     "bridge", "vehicles"),
]


def transport_facts(rng, f, people):
    thing, action, noun, cause, kind, users = pick(rng, PROJECTS)
    route = pick(rng, ["Interstate", "Route", "Highway", "State Route"]) + f" {between(rng, 2, 96)}"
    fill = dict(street=f["street"], route=route, town=f["town"])
    f["thing"] = thing.format(**fill)
    f["action"] = action
    f["noun"] = noun
    f["cause"] = cause
    f["kind"] = kind
    f["route"] = route
    f["users"] = users
    f["vehicles"] = comma(between(rng, 20, 400) * 100)
    f["detour"] = str(between(rng, 3, 24))
    f["cost"] = money(rng, 3, 240)
    f["age"] = str(between(rng, 48, 121))
    f["year_fix"] = str(between(rng, 2027, 2031))
    f["year_built"] = str(2026 - int(f["age"]))
    f["hospital"] = hospital(rng, f["town"], f["county"])
    f["agency"] = f"{f['state']} Department of Transportation" if kind in ("bridge", "highway") else f"{f['town']} Regional Transit Authority"
    f["agency_short"] = "department" if kind in ("bridge", "highway") else "authority"
    f["event"] = f"the {noun} on {f['thing']}"
    people["off"] = person(rng, "", f"a district engineer for the {f['state']} Department of Transportation"
                           if kind in ("bridge", "highway") else f"the transit authority's general manager")
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['agency']}")
    people["res"] = person(rng, "", pick(rng, ["who commutes to {t} every day", "who owns a shop near the bridge",
                                               "a nurse who works the night shift", "a daily rider"]).format(t=f["town2"]))
    people["exp"] = person(rng, "", f"a civil engineering professor at {university(rng)}")
    people["crit"] = person(rng, "", pick(rng, ["a state representative from {t}", "the head of the {t} Chamber of Commerce"]).format(t=f["town"]))
    people["mayor"] = person(rng, "Mayor", f"the mayor of {f['town']}")


TRANSPORT = Topic(
    "transport", ["Transportation", "Local", "Traffic", "Commute", "News"], "AP local local",
    transport_facts,
    headlines="""
[Inspectors|State] [shut|close] {thing}[ indefinitely|], [citing|over] {cause}
{thing} {noun} to [snarl|upend] commutes in {town}
[Drivers face|Riders brace for] [{detour}-mile detour|months of delays] after {noun} on {thing}
What the {noun} on {thing} means for [your commute|{town}]
""",
    ledes="""
[For the next|Over the next] [several months|year], [getting|traveling] [across|around] {town} will [take longer|be harder]: {thing} [is being|will be] {action} [after|because] [engineers|inspectors] found {cause}, [officials said|the {agency} said] {weekday}.
{thing} in {town} [will be|was] {action} [on {weekday}|starting {weekday}|this week] [because of|after inspectors found|due to] {cause}, [forcing|sending] [roughly|about|an estimated] {vehicles} {users} a day onto [a {detour}-mile detour|other routes].
[State|Transportation] officials [said {weekday} that|announced {weekday} that] {thing} [would be|will be] {action}, [the latest blow|a blow] to [commuters|drivers and businesses] in {town} [who have|that have] [endured|dealt with] [years of|repeated] [construction|delays].
[Commuters|Drivers|Riders] in {town} [face|are facing] [months of|long] [delays|detours] after {thing} was {action} [on {weekday}|{weekday}] [over|because of] {cause}.
""",
    details="""
The {age}-year-old [span|structure|system] [carries|serves] about {vehicles} {users} a day, [according to|based on] [state traffic counts|the {agency_short}'s figures].
[A replacement|Permanent repairs|A long-term fix] [is estimated to cost|would cost] [about|roughly] {cost} and [is not|would not be] [funded|scheduled] [until|before] {year_fix}, {@spox} said.
{@off} said [inspectors|crews] found [section loss|cracking|deterioration] of up to {pct} in [two of its beams|the deck|key components] during [a routine inspection|an inspection] [on {weekday_any}|last week|in {month_any}].
[School buses|Emergency vehicles|Delivery trucks] will be [rerouted|diverted] [starting {weekday_any}|immediately], [adding|which could add] [as much as|up to] {teens} minutes to [some routes|response times], [officials said|according to the county].
{@mayor} said {mayor_she} [had asked|would ask] [the governor|state lawmakers] to [move up|speed up] [the timeline|funding] for [repairs|a replacement].
[Business owners|Merchants] [along|near] {street2} said the [timing|{noun}] could [hardly be worse|cost them customers], [coming|arriving] [weeks before|just ahead of] [the holiday shopping season|the busy summer months].
[The {agency_short}|Officials] [will hold|scheduled] a public meeting [on the {noun}|to answer questions] [on {weekday_any} at {time}|next week] at {town} [High School|Town Hall|Public Library].
The [last|most recent] inspection, in {year_past}, [had rated|rated] [the bridge|the structure|the system] [in "fair" condition|as "fair"|as needing only minor repairs].
[Engineers|The {agency_short}] [will study|are studying] whether [temporary supports|a temporary fix|shuttle buses] could [allow|let] [it to reopen|service resume] [to passenger cars|on a limited basis] within [a few|{small}] months.
The detour sends [drivers|traffic] [north on {street2}|along {street2}] and across {river} near {town2}, a route that [was not designed for|is already crowded with] [heavy trucks|rush-hour traffic].
[Ridership|Traffic] fell by [about|roughly] {pct} [during the pandemic|since {year_past}] and has [recovered|come back] only partly, according to the {agency_short}'s figures.
Inspection reports [obtained through a public records request|released by the {agency_short}] flagged [problems|concerns] with [drainage|the joints|the support beams] as far back as {year_past}, but repairs were [put off|delayed] for lack of [money|funding].
[Ambulances|Fire trucks] headed to {hospital} must now take the detour, so the county [will|plans to] [station|keep] [an extra ambulance|additional crews] [on the east side|across the river] [around the clock|during the closure].
The {agency_short} estimated the work would cost [about|up to] {cost} and take at least {small} [months|years], depending on [weather|funding] and the availability of [steel|contractors].
""",
    quotes="""
We did not make this decision lightly, but we are not going to gamble with people's [lives|safety]
Once water gets into that steel, it works fast
[People|Commuters] [deserve|need] a system they can [count on|rely on], and right now [we don't have one|they don't have it]
We know this is [a huge inconvenience|going to be painful], and we're [sorry|asking for patience]
Safety [comes|has to come] first. [Everything else|The rest] we'll [work out|figure out]
We're looking at every option to [shorten|speed up] [the timeline|the work], including [night work|temporary supports|a temporary bridge]
Nobody is more frustrated [about|by] this than [we are|the people who work here]
""",
    voices="""
Half my customers come across that bridge. If they have to drive a half-hour, they're going to go somewhere else
I'm already [leaving|getting up] at 5 to get to work on time. Now what
[It's|This is] the only [way|road] [across|into town] for [a lot of us|people out here]
I used to get to work in {teens} minutes. Now it's [closer to|almost] an hour
They've [known|been talking] about this for [years|a decade]. Why does it take an emergency to [do something|act]
""",
    claims="""
the {agency_short} [expected|hoped] to [have a plan|decide on next steps] by {month_any}
[no injuries had been reported|nobody had been hurt] in connection with the problems
weight restrictions could let [buses|emergency vehicles] keep using [the span|it] in the meantime
""",
    background="""
[Nearly|About] {pct} of {state_pos} bridges are rated in poor condition, according to [federal data|a report by the state].
{thing} [opened|was built] in {year_built} and has not had a [major|full] [overhaul|rehabilitation] since {year_past}.
{state} has a backlog of [about|more than] [$1.2 billion|$3.4 billion|$860 million|$2.7 billion] in road and bridge repairs, according to [a legislative audit|a state report released last year].
""",
    closings="""
[Detour maps|Updated schedules] are [posted|available] on the {agency_short}'s website.
[Questions|Comments] about the [closure|project] can be submitted to the {agency_short} online through {month_any} {teens}.
""",
)

# ============================================================================== research
FINDINGS = [
    ("people who walk at least {steps} steps a day", "had a lower risk of heart disease", "heart", "walking"),
    ("children who read with a parent every night", "scored higher on vocabulary tests by age 6", "reading", "reading"),
    ("trout in {river} streams", "carry high levels of flame retardants", "fish", "trout"),
    ("a common blood pressure drug", "may slow the loss of memory in older adults", "memory", "blood pressure drug"),
    ("microplastics in farm soil", "can reduce corn yields by up to {pct}", "farm", "microplastics"),
    ("bees exposed to a widely used pesticide", "foraged less and built smaller colonies", "bees", "bees"),
    ("teenagers who sleep fewer than seven hours", "were more likely to report anxiety", "sleep", "teen sleep"),
    ("wetlands restored along {river}", "removed nearly half the nitrogen from farm runoff", "wetlands", "wetlands"),
]


def research_facts(rng, f, people):
    subject, finding, field, short = pick(rng, FINDINGS)
    fill = dict(steps=comma(between(rng, 4, 10) * 1000), river=f["river"].replace("the ", ""), pct=f"{between(rng, 8, 40)}%")
    f["subject"] = subject.format(**fill)
    f["finding"] = finding.format(**fill)
    f["short"] = short
    f["university"] = university(rng)
    f["journal"] = pick(rng, ["the Journal of Applied Ecology and Health", "Clinical Research Letters",
                              "the Annals of Environmental Science", "Pediatric Development Review",
                              "the Journal of Population Medicine", "Agricultural Systems Quarterly"])
    f["n_people"] = comma(between(rng, 40, 9000) * 10)
    f["n_years"] = number_ap(between(rng, 2, 14))
    f["effect"] = f"{between(rng, 8, 48)}%"
    f["agency"] = f["university"]
    f["agency_short"] = "university"
    f["event"] = f"the study on {short}"
    f["grant"] = money(rng, 0.3, 12)
    people["off"] = person(rng, "", f"a professor at {f['university']} and the study's lead author")
    people["spox"] = person(rng, "", f"a {{spokes}} for {f['university']}")
    people["res"] = person(rng, "", pick(rng, ["a study participant from {t}", "a farmer in {t}", "a parent who took part in the study"]).format(t=f["town"]))
    people["exp"] = person(rng, "", f"a researcher at {university(rng)} who was not involved in the study")
    people["crit"] = person(rng, "", f"a scientist at {university(rng)} who has questioned similar findings")


RESEARCH = Topic(
    "research", ["Science", "Health", "Environment", "Science News", "Research"], "AP Reuters CNN local",
    research_facts, civic=False,
    headlines="""
Study: {subject} {finding}
{university} [researchers|scientists] find {subject} {finding}
[New research suggests|Researchers say] {subject} {finding}
""",
    ledes="""
A team led by [scientists|researchers] at {university} [reported|has reported] that {subject} {finding}, [adding to|raising new questions in] a [long-running|growing] [debate|body of research] [among scientists|about {short}].
{subject} {finding}, according to a [new|large] study [by|from] researchers at {university} [published {weekday}|released {weekday}] in {journal}.
Researchers at {university} [say|have found that] {subject} {finding}, [a finding|a result] that [could|may] [change|influence] [how doctors advise patients|state policy|how the problem is studied].
[A {n_years}-year study|A study that followed {n_people} people] [found|suggests] that {subject} {finding}, [though|but] [the authors|researchers] [cautioned|said] [more work is needed|it does not prove cause and effect].
""",
    details="""
For the study, [researchers|the team] [recruited|enrolled] [volunteers|participants] through [{small} clinics|schools and community centers|farms] in {county} and [nearby counties|{small} neighboring counties], [tracking|following] them with [regular surveys|blood tests|sensors] every [few months|year].
{@off} said the team [was careful|tried] to rule out other explanations, [including|such as] [diet, exercise and income|weather and soil type|family history].
The [results|findings] held across [men and women|urban and rural sites|different age groups], though the [effect|difference] [was|appeared] [strongest|largest] among [people over 60|the youngest participants|the most heavily affected sites].
[Outside|Other] [scientists|researchers] have raised questions about [similar|earlier] studies, pointing to [small sample sizes|a reliance on self-reported data|the difficulty of measuring exposure].
Samples were [analyzed|processed] at [the university's|{university}'s] [lab|research center] in {town}, which has [studied|tracked] the issue [since {year_past}|for more than a decade].
{@crit} cautioned that the study showed a [correlation|link], not proof of cause, and said [larger trials|more studies] would be needed before drawing firm conclusions.
The researchers [followed|studied|analyzed data from] {n_people} [people|participants|samples] over {n_years} years, [comparing groups with more and less exposure|looking at how results varied with exposure].
[Overall|On average], [the effect|the difference] was about {effect}, [even after|after] [accounting for|adjusting for] [age, income and smoking|other factors such as weather|differences between sites].
{@exp} [said|called] the [study|findings] [well designed|"carefully done"|important] but [noted|cautioned] that [it|the work] [relied on|was based on] [self-reported data|a single region|a relatively small sample].
The [work|study] was [funded|paid for] by a {grant} grant from [the state|a private foundation|a federal research agency].
[The team|The researchers] [plan|hope] to [expand|repeat] the study [in other states|with a larger group|over a longer period] [next year|starting in {month_any}].
[Samples|Data] [were collected|came] from [{small} sites|{teens} counties|clinics and schools] across {state} [between|from] {year_past} and [2024|2025].
[Earlier|Previous] [studies|research] [had found|suggested] [a similar link|mixed results], [but|though] [most|many] [were smaller|did not follow people as long].
""",
    quotes="""
What [surprised|struck] us [most|the most] was how [early|quickly] the [changes|effect] showed up
These findings add to a [growing|large] body of [evidence|research] on this question
We hope [policymakers|doctors] will take a close look at these results
We were [surprised|honestly surprised] by how [strong|consistent] the [effect|pattern] was
This [doesn't|does not] mean [people should panic|anyone should change what they're doing overnight], but it's [worth paying attention to|a signal]
[The|Our] next step is to figure out [why this happens|the mechanism behind it]
""",
    voices="""
They came every [spring|few months] to take samples. I was glad to [help|be part of it]
We started changing [a few things|how we do things] once we heard [the results|what they found]
[I|We] [didn't|never] think [much about it|twice about it] until [I|we] saw the results
""",
    claims="""
the team had applied for [funding|a grant] to follow [participants|the sites] for another {n_years} years
the study does not prove that {short} caused the difference
the findings [should be|need to be] [confirmed|replicated] in [larger|other] [studies|groups]
""",
    background="""
{university} received [about|roughly] {money} in research grants last year, according to [the university's annual report|state figures].
Research on {short} has [grown|increased] [sharply|steadily] over the past decade, according to [a review|an analysis] published [last year|in {year_past}].
{university} [has|runs] one of the [largest|oldest] [research programs|field stations] of its kind in the region.
""",
    closings="""
The team [plans|expects] to publish [follow-up|additional] [results|findings] [next year|in 2028].
The full study is [available|posted] on {journal}'s website.
""",
)

# ============================================================================== schools
SCHOOL_ISSUES = [
    ("close {small} elementary schools", "school closures", "declining enrollment"),
    ("a {money} budget that cuts {teens} teaching positions", "the budget cuts", "a deficit"),
    ("a four-day school week starting next fall", "the four-day week", "teacher shortages"),
    ("a ban on student cellphones during the school day", "the phone ban", "concerns about distraction"),
    ("a new contract that raises teacher pay by {pct}", "the teachers' contract", "competition for teachers"),
    ("moving high school start times to 8:45 a.m.", "the later start time", "research on teen sleep"),
    ("a {money} plan to replace {town} High School", "the new high school", "an aging building"),
]


def school_facts(rng, f, people):
    issue, short, reason = pick(rng, SCHOOL_ISSUES)
    fill = dict(small=number_ap(between(rng, 2, 5)), money=money(rng, 20, 240), teens=str(between(rng, 12, 90)),
                pct=f"{between(rng, 3, 14)}%", town=f["town"])
    f["issue"] = issue.format(**fill)
    f["short"] = short
    f["reason"] = reason
    f["district"] = f"{f['town']} {pick(rng, ['School District', 'Public Schools', 'Unified School District', 'Area School District'])}"
    students = between(rng, 12, 280) * 100
    f["students"] = comma(students)
    f["n_schools"] = str(max(2, students // between(rng, 350, 700)))
    f["school_a"] = f"{pick(rng, LAST)} Elementary School"
    f["school_b"] = pick(rng, [f"{pick(rng, LAST)} Elementary School", f"{f['town']} Middle School",
                               f"{pick(rng, TOWN_ROOTS)} Valley School"])
    f["money_school"] = money(rng, 1.2, 24)
    f["money_school2"] = money(rng, 0.4, 6)
    f["class_size"] = str(between(rng, 22, 28))
    f["vote"] = f"{between(rng, 4, 7)}-{between(rng, 0, 3)}"
    f["agency"] = f"{f['town']} Board of Education"
    f["agency_short"] = "board"
    f["event"] = f"the school board's vote on {short}"
    people["off"] = person(rng, "Superintendent", f"the superintendent of the {f['district']}")
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['district']}")
    people["res"] = person(rng, "", pick(rng, ["a parent of two", "a junior at {t} High School", "whose daughter is in third grade",
                                               "a bus driver for the district"]).format(t=f["town"]))
    people["exp"] = person(rng, "", f"an education researcher at {university(rng)}")
    people["crit"] = person(rng, "", f"president of the {f['town']} Education Association")


SCHOOLS = Topic(
    "schools", ["Education", "Local", "Schools", "News"], "AP local local",
    school_facts,
    headlines="""
{town} school board [approves|backs|OKs] {short}
{short} [approved|passes] in {town} despite [parent|teacher] objections
[What|How] {short} [will mean|means] for {town} [students|families]
""",
    ledes="""
[After|Following] [months of|a year of] [debate|public meetings], the {agency} [approved|adopted] {issue} [on {weekday}|{weekday} night] by a {vote} vote, [telling|assuring] [parents|families] that the [change|decision] [was|had been] [unavoidable|the least painful option].
The {agency} voted {vote} [on {weekday}|{weekday} night] to approve {issue}, [a decision|a move] [driven by|that officials blamed on] {reason} [that|and that] [drew|angered] [dozens of|many] [parents|teachers].
[Parents|Teachers] [filled|packed] the {town} school board meeting {weekday} [as|before] the board [approved|voted to approve] {issue}, [citing|pointing to] {reason}.
{town} [students|families] will [see|face] [big changes|changes] next [year|fall] after the {agency} [approved|voted {vote} for] {issue} [on {weekday}|{weekday}].
""",
    details="""
Under the plan, students from {school_a} would [move|be reassigned] to {school_b}, and [bus routes|attendance zones] would be [redrawn|adjusted] [over the summer|before classes begin].
The district faces a [budget gap|shortfall] of [about|roughly] {money_school} next year as [state aid|enrollment] [fell|declined] and costs for [health insurance|special education|transportation] [rose|climbed].
[Teachers|Several teachers] spoke during public comment, describing [crowded classrooms|larger class sizes|aging buildings] and [asking|urging] the board to [look for savings elsewhere|delay the vote|cut administrative costs first].
A [committee|task force] of [parents, teachers and administrators|community members] spent [nine months|more than a year] [studying|reviewing] [options|enrollment data] before recommending {short} in {month_any}.
Students also addressed the board, [including|among them] {@res}, who said {short} would [disrupt|affect] [friendships, sports and after-school jobs|clubs and sports|families with younger siblings].
Board members said the district had already cut [about|nearly] {money_school2} in [central office|administrative] spending over the past {small} years before turning to {short}.
The district [enrolls|serves] about {students} students [in|across] {n_schools} schools, [down|up] [from|about {pct} from] [a decade ago|{year_past}].
{@off} [said|told the board] the [plan|change] would [save|cost] about {money} [a year|over five years] [and protect|while protecting|and preserve] [class sizes|programs like art and music].
[More than|About] {hundreds} people [signed|had signed] a petition [opposing|supporting] {short}, [which|and it] was [presented|delivered] to the board [before the vote|last week].
{@crit} said [teachers|the union] [had not been|were not] [consulted|included] [in the planning|before the proposal was made public].
[The|A] [district|board] [survey|poll] of [parents|families] [found|showed] {pct} [in favor|supported the change], [though|but] [fewer than|only about] {hundreds} [families|people] [responded|took part].
The [change|plan] [takes effect|will start] [in|with] the [2027-28|next] school year, and [the district|officials] will [hold|host] [forums|meetings] [in each school|this spring] to [explain|answer questions about] it.
[Board members|Two board members] who voted [no|against the plan] [said|argued] the district [should have|could have] [waited|looked at other options] [first|before acting].
""",
    quotes="""
Every option we looked at [had|involved] [trade-offs|pain]. This one does the least harm to [kids|students]
We heard every [parent|family] who [spoke|came] tonight, and we take those concerns seriously
Our teachers are [the reason|why] this district works, and we [want|need] to [keep|hold on to] them
[None of us|Nobody on this board] [ran|got into this] to [close schools|cut programs], but [the numbers don't lie|the math is the math]
We [have to|need to] [put students first|think about the kids], even when [it's hard|the choices are hard]
[This|It] [is|was] [the hardest vote|one of the hardest votes] I've [taken|cast] [on this board|in {small} years]
""",
    voices="""
My kids love [their teachers|that school]. I just don't understand why it has to be [them|ours]
Nobody on that board has [set foot|been] in my [school|classroom] in years
My [son|daughter] has [gone|walked] to that school since kindergarten. [Where is|Where's] [he|she] supposed to go now
[They|The board] [made up their minds|decided] before [we|anyone] [got here|said a word]
[I|We] [think|believe] [it's|this is] the right call, even if it's not popular
""",
    claims="""
average class sizes would stay below {class_size} students
no teachers would be laid off as a result of {short}
the district [would|planned to] [offer|provide] [transportation|busing] for [all affected students|every student]
""",
    background="""
{district} was [formed|created] in {year_past} through the [merger|consolidation] of [two|three] [smaller|rural] districts.
Across {state}, [more than|about] {teens} districts have [closed|consolidated] schools since 2020, according to the state education department.
[Enrollment|The number of students] in {state} public schools [has fallen|fell] about {pct} since {year_past}, according to state data.
""",
    closings="""
A public hearing on {short} is scheduled for {weekday_any} at {time} [in|at] [the {town} High School auditorium|the district office].
The board [meets|will meet] again on {weekday_any} at {time}.
""",
)

# ============================================================================== fire
FIRES = [("house fire", "home", "a two-story house on {street}"), ("apartment fire", "apartment building", "a four-unit apartment building on {street}"),
         ("warehouse fire", "warehouse", "a vacant warehouse off {street}"), ("brush fire", "brush", "about {teens} acres of brush near {street}"),
         ("barn fire", "barn", "a dairy barn on {street}"), ("restaurant fire", "restaurant", "a restaurant on {street}")]


def fire_facts(rng, f, people):
    kind, what, where = pick(rng, FIRES)
    f["fire"] = kind
    f["fire_what"] = what
    f["fire_where"] = where.format(street=f["street"], teens=between(rng, 10, 90))
    f["alarms"] = pick(rng, ["two-alarm", "three-alarm", "four-alarm", "five-alarm"])
    f["firefighters"] = str(between(rng, 20, 110))
    f["hurt"] = pick(rng, ["No one was hurt", "One firefighter suffered minor injuries", "Two residents were treated for smoke inhalation",
                           "A resident was taken to the hospital with burns"])
    f["displaced"] = number_ap(between(rng, 2, 30))
    f["hour"] = pick(rng, ["about 2:15 a.m.", "11:40 p.m.", "about 4 p.m.", "6:50 a.m."])
    f["agency"] = f"{f['town']} Fire Department"
    f["agency_short"] = "department"
    f["event"] = f"the {kind} on {f['street']}"
    f["damage"] = money(rng, 0.1, 4)
    people["off"] = person(rng, "Fire Chief", f"the {f['town']} fire chief")
    people["spox"] = person(rng, "", f"a {{spokes}} for the {f['town']} Fire Department")
    people["res"] = person(rng, "", pick(rng, ["who lives next door", "a neighbor", "who lived on the second floor"]))
    people["exp"] = person(rng, "", "a state fire marshal")
    people["crit"] = person(rng, "", "a neighbor who called 911")


FIRE = Topic(
    "fire", ["Local", "Public Safety", "News", "Breaking News"], "local local AP",
    fire_facts, civic=False,
    headlines="""
{alarms} fire [destroys|guts|damages] {fire_what} in {town}
{displaced} [displaced|left homeless] after {fire} in {town}
[Crews battle|Firefighters fight] {fire} on {street}
""",
    ledes="""
[A family|Residents] [escaped|fled] [with little more than|with only] the clothes they were wearing [early {weekday}|on {weekday}] [as|after] a fire [tore through|engulfed] {fire_where} in {town}, [fire officials said|the {agency} said].
A {alarms} fire [tore through|swept through|gutted] {fire_where} in {town} [early {weekday}|late {weekday}|on {weekday}], [displacing|leaving homeless] {displaced} [people|residents] and [drawing|bringing] [crews|firefighters] from {small} [departments|towns].
{hurt} [when|after] fire [broke out|started] in {fire_where} in {town} [at {hour}|{weekday}], [officials said|according to the {agency}].
[Firefighters|Crews] from {town} and [surrounding|neighboring] [towns|communities] [battled|fought] [a|an] {alarms} fire at {fire_where} for [hours|more than {small} hours] [on {weekday}|{weekday} night].
""",
    details="""
The fire [started|appeared to start] [in the kitchen|on a back porch|in the basement|near an electrical panel] and spread [quickly|rapidly] [through the walls|into the attic|to the upper floors], {@spox} said.
[Crews|Firefighters] were [hampered|slowed] by [strong winds|freezing temperatures|heavy smoke|narrow streets] and at one point were [ordered|pulled] out of the building when [part of the roof|a floor] [collapsed|gave way].
[Mutual aid|Help] came from departments in {town2}, {town_any} and {town_any}, while [a ladder truck|an ambulance crew] from {county} [stood by|covered calls] elsewhere in {town}.
Investigators from the state fire marshal's office [will|were expected to] [examine|inspect] [the scene|the building] [on {weekday_next}|in the coming days], which is [routine|standard] for fires that displace residents.
[Neighbors|Residents of nearby homes] were [evacuated|told to leave] [as a precaution|briefly] and allowed to return by about {time}, [officials said|according to police].
The building, [constructed|built] in the [1920s|1950s|early 1900s], [did not have|lacked] [sprinklers|a sprinkler system], according to [city|county] records.
[About|More than] {firefighters} firefighters [responded|worked the fire], [and|while] [crews|tanker trucks] [shuttled water|pumped water] [from a pond|from hydrants several blocks away] [because|since] [the area has no hydrants|water pressure was low].
{hurt}, {@spox} said.
The cause [is under investigation|remains under investigation], [though|but] {@off} said [it did not appear|investigators did not believe it was] suspicious.
The Red Cross [was helping|is assisting] the {displaced} [displaced residents|people who lost their homes] with [temporary housing|food and clothing].
[Damage was|Losses were] [estimated|put] at about {damage}, [according to|said] {@exp.}.
[Heavy smoke|Thick black smoke] [could be seen|was visible] [for miles|from {town2}] and [officials|police] [asked|urged] [nearby residents|people downwind] to [close their windows|stay indoors].
[Crews|Firefighters] [remained|stayed] at the scene [into the morning|for hours] [to put out hot spots|to douse flare-ups].
""",
    quotes="""
[Thankfully|Thank God] everyone got out. [Buildings|Houses] can be [rebuilt|replaced]. People can't
This is a good reminder to [check|test] your smoke detectors and [have|make] an escape plan
Our [crews|firefighters] [went inside|went in] and searched [every room|each floor] until [conditions|the fire] made it too dangerous
[Our crews|The firefighters] did [an incredible|a tremendous] job [keeping it|stopping it] from spreading [to the houses next door|to neighboring buildings]
When we [got there|arrived], [the whole back of the building|the second floor] was [fully involved|already on fire]
""",
    voices="""
I [saw|could see] [the flames|the glow] from [three blocks away|my kitchen window]. I knew it was [bad|serious]
[They|The family] lost just about everything. We're collecting [clothes and food|donations] at the church
I [woke up|heard the smoke detector] and [grabbed the kids|ran outside]. We didn't [take|have time to take] anything
[They|The firefighters] [saved|kept it from reaching] my house. I can't thank them enough
""",
    claims="""
damage was [confined|limited] to the [unit|floor] where [it|the fire] started
the building would [likely|probably] have to be [torn down|demolished]
[working smoke detectors|a smoke detector] [had alerted|alerted] the [residents|family] in time to [escape|get out]
""",
    closings="""
The [Red Cross|{town} Community Church] is collecting [donations|clothing and gift cards] for the [families|residents] [through its website|at its office on {street2}].
[A fund|An online fundraiser] [has been set up|was started] to help the [displaced families|family].
""",
    background="""
The {town} fire department has {small} stations and relies on [volunteers|call firefighters] for [larger|major] fires, according to {@off.}.
House fires in {state} killed {teens} people [last year|in {year_past}], according to state fire data.
""",
)

# ============================================================================== utility / energy
def utility_facts(rng, f, people):
    util = f"{pick(rng, TOWN_ROOTS)} {pick(rng, ['Power & Light', 'Electric', 'Gas & Electric', 'Water Co.', 'Energy'])}"
    f["utility"] = util
    f["increase"] = f"{rng.random() * 14 + 2:.1f}%"
    f["monthly"] = f"${between(rng, 4, 31)}"
    f["customers"] = comma(between(rng, 20, 900) * 1000)
    f["revenue"] = money(rng, 20, 600)
    f["commission"] = f"{f['state']} Public Utilities Commission"
    f["agency"] = f["commission"]
    f["agency_short"] = "commission"
    f["event"] = f"the rate increase for {util} customers"
    f["year_fx"] = str(between(rng, 2026, 2028))
    kwh = between(rng, 6, 11) * 100
    old = kwh * (rng.random() * 0.1 + 0.11)
    f["kwh"] = str(kwh)
    f["bill_old"] = f"${old:.2f}"
    f["bill_new"] = f"${old * (1 + float(f['increase'][:-1]) / 100):.2f}"
    f["therm"] = str(between(rng, 60, 66))
    f["vote_c"] = pick(rng, ["4-1", "3-1", "2-1", "4-1"])
    f["holding"] = f"{pick(rng, TOWN_ROOTS)} Energy Holdings"
    f["hq_u"] = f"{town(rng)}, {pick(rng, ['Ohio', 'Georgia', 'Texas', 'Illinois', 'Virginia'])}"
    people["com2"] = person(rng, "Commissioner", f"a member of the {f['commission']}")
    people["off"] = person(rng, "", f"chairman of the {f['commission']}" if rng.random() < 0.5 else f"a member of the {f['commission']}")
    people["spox"] = person(rng, "", f"a {{spokes}} for {util}")
    people["res"] = person(rng, "", pick(rng, ["a retiree on a fixed income in {t}", "who runs a laundromat in {t}", "a single mother in {t}"]).format(t=f["town"]))
    people["exp"] = person(rng, "", f"an energy economist at {university(rng)}")
    people["crit"] = person(rng, "", "the state's consumer advocate")


UTILITY = Topic(
    "utility", ["Business", "Energy", "Consumer", "Local"], "AP Reuters local",
    utility_facts,
    headlines="""
Regulators approve {increase} rate hike for {utility}
{utility} [bills|customers] to rise {monthly} a month
[State OKs|Commission backs] {utility} rate increase
""",
    ledes="""
[Electric|Utility] bills for [about|more than] {customers} {utility} customers [are going up|will rise] after [state regulators|the {commission}] [on {weekday} |]approved a {increase} rate increase, [less than|about half of what] the company [had requested|sought].
[Ratepayers|Consumer advocates] [lost|came up short in] [a|their] [months-long|yearlong] [fight|effort] [against|to block] {utility}'s [rate increase|request for higher rates] [on {weekday}|{weekday}], when the {commission} [approved|signed off on] a {increase} [hike|increase].
[State regulators|The {commission}] [on {weekday} approved|{weekday} approved] a {increase} rate increase for {utility}, [adding about|raising the typical residential bill by] {monthly} a month [for|to the bills of] its {customers} customers.
[Customers of|Households served by] {utility} will [pay|see] [about|roughly] {monthly} more a month [starting in {month_any}|next year] after the {commission} [approved|signed off on] a {increase} rate increase {weekday}.
""",
    details="""
A typical household using about {kwh} kilowatt-hours a month [will|would] pay about {bill_new}, up from {bill_old}, according to [the commission's order|figures filed by {utility}].
Public hearings on the [request|increase] drew [hundreds of|more than {hundreds}] [written comments|people] [in {town} and {town2}|across the utility's territory], [most|nearly all] of them opposed.
{utility} argued that its rates [remain|would remain] [below|near] the regional average even after the increase, and that fuel costs account for [about|roughly] {pct} of a typical bill.
The order also [requires|directs] {utility} to [file|submit] [a plan|reports] on [reducing outages|tree trimming|customer service wait times] [within six months|by the end of the year].
[Business|Commercial] customers [will|would] see [a smaller|a larger] increase, about {pct_small}, while [industrial|large industrial] customers [will|would] pay about {pct_small} more.
The {commission} voted {vote_c} [on the order|to approve the order], with {@com2} casting the lone dissenting vote [and|after] [arguing|saying] the company's [profit margin|return on equity] was [too high|excessive].
[Consumer|Advocacy] groups had [asked|urged] regulators to [reject|limit] the increase and tie future rate hikes to [improvements|better performance] on [reliability|outages].
{utility} had [asked|sought] for [a larger increase|about {revenue} in new revenue], [saying|arguing] it [needed the money|needed to recover costs] to [replace aging lines|harden its system against storms|pay for new power plants].
{@crit} [called the decision|said the increase was] [a blow to|unfair to] [families already struggling|ratepayers] [with rising costs|after a hard winter].
The [commission|regulators] [rejected|trimmed] [about|nearly] {pct} of the [request|company's request], [including|among them] [a bonus for executives|a higher profit margin|costs tied to a canceled project].
[Low-income customers|Customers who qualify for assistance] [will be|would be] [eligible|able to apply] for [a discount|a credit] of [up to|about] {pct} [on their bills|a month].
{@exp} said [rates|bills] [across|in much of] the region [have risen|are rising] [faster than inflation|sharply] [since {year_past}|in recent years] [as|because] [utilities|companies] [spend more on|invest in] [grid repairs|storm protection].
[The increase|The new rate] [takes effect|will take effect] {month_any} 1 and [is the|marks the] [second|third] [increase|rate hike] [in {small} years|since {year_past}].
""",
    quotes="""
[No one|Nobody] likes [paying more|a higher bill], and we do not take [that|this] lightly
Families are [getting squeezed|squeezed] [from every direction|on rent, groceries and gas], and now [this|their electric bill]
This order protects customers while giving the company [the money|what it needs] to [keep the lights on|maintain the grid]
We will review the order [carefully|closely] before deciding [next steps|how to respond]
[We|The commission] [tried to|had to] [balance|weigh] what the company [needs|needs to run a safe system] against what [customers|families] can afford
These [investments|upgrades] [are|were] [long overdue|necessary], and customers will see [fewer outages|the benefits] [over time|in the years ahead]
""",
    voices="""
I already keep the thermostat at {therm} all winter. I don't know [where else|what else] I can cut
My electric bill was [$280|$340|$410] last [month|January]. For a [two-bedroom apartment|small house]
They keep [asking for more|raising rates], and the power keeps going out anyway
[Every time|Every year] [I open the bill|the bill comes], it's [higher|more]. [My check isn't|My paycheck isn't]
""",
    claims="""
the new rates would pay for [replacing aging poles and wires|upgrading substations] across its service area
{utility} earned [a profit|profits] of {revenue} last year
[the company|{utility}] was [reviewing|studying] the decision and [had not|hadn't] decided whether to appeal
""",
    closings="""
Customers can [apply|sign up] for [bill assistance|payment plans] [by calling {utility} at 1-800-555-0{hundreds}|on {utility}'s website].
The new rates take effect {month_any} 1.
{utility} [serves|has] about {customers} [customers|households and businesses] in {small} counties.
""",
    background="""
{utility} serves customers in {small} counties and is [owned by|a subsidiary of] {holding}, based in {hq_u}.
Electricity rates in {state} [rose|climbed] [about|roughly] {pct} over the past {small} years, according to federal energy data.
The {commission} has {small} members [appointed by the governor|elected statewide] to [staggered|six-year] terms.
""",
)

# ============================================================================== cyberattack
def cyber_facts(rng, f, people):
    target_kind = pick(rng, ["hospital", "city", "school district", "county"])
    if target_kind == "hospital":
        target = hospital(rng, f["town"], f["county"])
    elif target_kind == "city":
        target = f"the city of {f['town']}"
    elif target_kind == "school district":
        target = f"the {f['town']} School District"
    else:
        target = f"{f['county']}"
    f["target"] = target
    f["target_kind"] = target_kind
    f["systems"] = pick(rng, ["email and billing systems", "phone lines and the online payment portal",
                              "electronic health records", "payroll and scheduling systems", "911 dispatch software"])
    f["days"] = number_ap(between(rng, 2, 12))
    f["gang"] = pick(rng, ["Crimson Lynx", "NightHarbor", "Vesper Collective", "Black Heron", "Greyfang", "Quiet Tide",
                           "Lockjaw Team", "Ashen Ring"])
    f["people_n"] = comma(between(rng, 3, 900) * 100)
    f["agency"] = target[0].upper() + target[1:]
    f["agency_short"] = target_kind
    f["event"] = f"the cyberattack on {target}"
    people["off"] = person(rng, "", f"the chief information officer for {target}")
    people["spox"] = person(rng, "", f"a {{spokes}} for {target}")
    people["res"] = person(rng, "", pick(rng, ["a patient whose surgery was postponed", "a resident trying to pay a water bill",
                                               "a nurse", "a parent in the district"]))
    people["exp"] = person(rng, "", f"a cybersecurity researcher at {university(rng)}")
    people["crit"] = person(rng, "", pick(rng, ["a state senator who sits on the technology committee", "a county commissioner"]))


CYBER = Topic(
    "cyber", ["Technology", "Local", "Tech", "U.S. News"], "AP CNN local",
    cyber_facts, civic=False,
    headlines="""
Cyberattack [cripples|knocks out] {systems_hl} at {target_hl}
{target_hl} [hit by|confirms] ransomware attack
[Day {days}: |]{target_hl} still [recovering from|reeling from] cyberattack
""",
    ledes="""
[Nearly|More than] a week after [hackers|a cyberattack] [crippled|shut down] {systems} at {target}, [staff|employees] [are still|were still] [working|relying] on paper, and officials [said {weekday}|acknowledged {weekday}] they [did not know|could not say] when [systems|everything] would be [restored|back to normal].
[Officials|Leaders] at {target} [said {weekday} that|confirmed {weekday} that] [hackers|cybercriminals] [had|may have] [stolen|taken] [files|data] [containing|with] personal information [on|of] [up to|as many as] {people_n} people [during|in] [a ransomware attack|a cyberattack] that [began|started] [last week|{days} days ago].
[A ransomware attack|A cyberattack] has [knocked out|disrupted|crippled] {systems} at {target} for {days} days, [forcing|and has forced] [staff|employees] to [work with paper|fall back on paper records|take payments by check], officials said {weekday}.
{target_cap} [said {weekday} it|confirmed {weekday} that it] [was|had been] the [victim|target] of a [ransomware attack|cyberattack] that [took down|disrupted] {systems} [and may have exposed|and possibly exposed] the personal information of [up to|about] {people_n} people.
""",
    details="""
Employees have been [working|writing] [on paper|by hand] and taking [payments|requests] [in person|by phone], which has slowed everything from [permit applications|billing] to [payroll|scheduling].
A [ransomware|criminal] group calling itself {gang} claimed responsibility for the attack [in a post on its leak site|on a dark web site] [{weekday}|late {weekday}] and posted [what it said were|samples of] [internal documents|stolen files].
{@off} told [the council|the board|reporters] that backup copies of [most|critical] [data|systems] had been kept [offline|separately], which should [allow staff to restore|let staff restore] [systems|services] [without paying|in stages].
The attack [is|was] at least the [second|third] against a [public agency|local government or hospital] in {state} [this year|since {month_any}], according to the state's cybersecurity office.
A cyber insurance policy is expected to cover most of the recovery cost, which could [reach|top] {money} once [forensic work|the investigation] and credit monitoring are counted.
{@exp} said attackers [typically|often] get in through [a phishing email|stolen passwords|an unpatched server] and may spend [days|weeks] [inside|moving through] a network before [launching|triggering] the ransomware.
{target_cap}'s [website|phone system] [was|remained] [down|offline] on {weekday}, and [updates|notices] were posted [on social media|on a temporary page] instead.
{@off} said [the|technical] staff [noticed|detected] [unusual activity|the intrusion] [early on|late on] {weekday_any} and [shut down|disconnected] [the network|affected systems] to [contain|stop] [it|the attack].
[Officials|{@spox}] [would not say|declined to say] whether [a ransom had been demanded|the attackers had demanded payment] or whether {target_pron} [would pay|planned to pay] one.
[Federal|State] investigators [and|along with] [an outside firm|a private security company] [are|were] [helping|working to] [restore|rebuild] [systems|the network], [a process|work] that could take [weeks|several more days].
{@exp} said [attacks on|ransomware attacks against] [hospitals, schools and local governments|public agencies] [have|had] [risen|surged] [sharply|in recent years] [because|as] [criminal groups|attackers] [see them|view them] as [easy targets|likely to pay].
[Letters|Notices] will be sent to [anyone|people] whose [data|information] [may have been|was] [exposed|accessed], [offering|with] [free credit monitoring|a year of identity protection].
""",
    quotes="""
We [discovered|detected] [this|the intrusion] [quickly|early], and that has made a [real|big] difference
[This recovery|The investigation] [is|will be] [complex|a marathon, not a sprint], and we appreciate everyone's patience
We [will|are going to] [come out of|learn from] this with better defenses
[We|Our teams] [are working|have been working] around the clock to [restore|bring back] [services|systems] safely
[There is|We have] no [evidence|indication] [at this time|so far] that [any|patient or resident] data has been [misused|posted online]
""",
    voices="""
I tried to [pay my bill|renew my permit] [three times|twice] and nobody could help
It's [scary|unsettling] not knowing what [they|the hackers] [have|took]
The staff have been doing their best, but you could tell everyone was [stressed|exhausted]
[They|Nobody] [couldn't|could] tell me [when|anything about when] [it would be fixed|my appointment would be rescheduled]
""",
    claims="""
its [insurer|insurance carrier] had brought in [a firm|specialists] to handle the response
there was no estimate for when all systems would be [restored|back online]
[emergency services|911 calls] [were|had] not [affected|been affected]
""",
    closings="""
People who receive a [notice|letter] can [enroll|sign up] in [credit monitoring|identity protection] through {month_any} {teens}.
Officials said they would [provide|share] [updates|more information] as the investigation continues.
[A hotline|A call center] [has been set up|was set up] for people with questions.
""",
    background="""
Ransomware attacks on [local governments|hospitals and schools] have cost [hundreds of millions|billions] of dollars over the past five years, researchers have estimated.
{target_cap} employs about {thousands} people and has a [small|] technology staff of [about|roughly] {teens}.
State officials have [urged|warned] public agencies for years to invest in [backups|cybersecurity] and to train [employees|staff] to spot [phishing|scam emails].
""",
)


def cyber_facts_extra(rng, f, people):
    cyber_facts(rng, f, people)
    t = f["target"]
    f["target_cap"] = t[0].upper() + t[1:]
    f["target_hl"] = t.replace("the city of ", "").replace("the ", "")
    f["systems_hl"] = f["systems"].replace("its ", "")
    f["target_pron"] = "it"


CYBER.facts = cyber_facts_extra

# ============================================================================== strike
def strike_facts(rng, f, people):
    employer = pick(rng, [f"{company(rng)[0]}", hospital(rng, f["town"], f["county"]), f"the {f['town']} School District",
                          f"{f['town']} Transit"])
    f["employer"] = employer
    f["union"] = pick(rng, ["Local {n} of the {u}"]).format(n=between(rng, 12, 1999), u=pick(
        rng, ["United Service Workers", "Amalgamated Trades Union", "Allied Nurses Federation", "Brotherhood of Industrial Workers",
              "Regional Teachers Alliance"]))
    f["workers"] = comma(between(rng, 8, 600) * 10)
    f["employer_short"] = employer.replace("the ", "").split(" School")[0].split(" Regional")[0]
    f["strike_pct"] = f"{between(rng, 78, 99)}%"
    f["raise"] = f"{between(rng, 9, 28)}%"
    f["offer"] = f"{between(rng, 3, 12)}%"
    f["years"] = number_ap(between(rng, 3, 5))
    f["day_n"] = number_ap(between(rng, 1, 9))
    f["day_ord"] = pick(rng, ["second", "third", "fourth", "fifth", "sixth", "seventh", "10th", "12th"])
    f["agency"] = employer
    f["agency_short"] = "employer"
    f["event"] = f"the strike at {employer}"
    people["off"] = person(rng, "", f"president of {f['union']}")
    people["spox"] = person(rng, "", f"a {{spokes}} for {employer}")
    people["res"] = person(rng, "", pick(rng, ["a striking worker with {y} years on the job", "who has worked there since {yr}"]).format(
        y=between(rng, 3, 30), yr=between(rng, 1990, 2020)))
    people["exp"] = person(rng, "", f"a labor relations professor at {university(rng)}")
    people["crit"] = person(rng, "", f"a member of the {employer.removeprefix('the ')} board")


STRIKE = Topic(
    "strike", ["Business", "Labor", "Local", "Economy"], "AP Reuters local",
    strike_facts, civic=False,
    headlines="""
{workers} workers strike at {employer}
Strike at {employer} [enters|reaches] day {day_n}[ as talks stall|]
[Union|Workers] [walk out|walk off the job] at {employer} over [pay|wages and staffing]
""",
    ledes="""
[Contract talks|Negotiations] between {employer} and {union} [collapsed|broke down] [late {weekday}|on {weekday}], [and|sending] [about|more than] {workers} [workers|employees] [onto|to] [picket lines|the picket line] [by|the next] [morning|dawn].
[Striking|Union] workers at {employer} [said {weekday}|vowed {weekday}] [they|that they] [would|will] [stay off the job|stay out] [until|as long as it takes to win] [a fair contract|raises that keep up with rising costs], [as|while] [the strike|the walkout] [entered|reached] its {day_ord} day.
[About|More than] {workers} workers at {employer} [walked off the job|went on strike] [on {weekday}|{weekday} morning] after [contract talks|months of negotiations] [broke down|collapsed] over [wages|pay and staffing|health insurance costs].
[Picket lines|Striking workers] [formed|gathered] outside {employer} [for a {day_ord} straight day|on {weekday}] as [talks|negotiations] between the company and {union} [remained stalled|showed no sign of progress].
""",
    details="""
[Picketers|Striking workers] [carried|waved] [signs|placards] reading "[Fair Pay Now|Safe Staffing Saves Lives|We Are {employer_short}|One Day Longer]" as passing [drivers|trucks] [honked|sounded their horns] [in support|in solidarity] along {street}.
Talks broke down over [health insurance|retirement benefits|mandatory overtime], with the union saying [the|management's] proposal would shift [more|thousands of dollars in] costs onto workers [each year|over the life of the contract].
{@spox} said the offer included raises of {offer} over {years} years plus [a signing bonus|a one-time payment] of {money_k}, which [it called|management described as] "[competitive|market-leading|fair]."
A [federal|state] mediator has been assigned to the talks, but no new sessions had been scheduled as of {weekday}, according to [both sides|officials on both sides].
The [strike|walkout] is the [first|largest] at {employer} since {year_past}, when workers [stayed out|walked out] for {teens} days [over|in a dispute over] [pensions|staffing levels].
[Owners of|Managers at] [restaurants|shops] near {employer} said business had [dropped off|slowed] since [the strike began|workers walked out], though several brought [coffee|food] to the picket line.
Members voted {strike_pct} to authorize [a strike|the walkout] in {month_any}, after their previous contract expired without a new agreement.
The union [is seeking|wants] raises of {raise} over {years} years, [while|but] {employer} has offered {offer}, [according to|said] [both sides|union officials].
{@spox} said [the|its] [offer|proposal] was "[fair and competitive|generous]" and that [the employer|management] [remained|was] [ready|willing] to [return to the table|keep talking] [at any time|whenever the union is].
[Replacement workers|Temporary staff] [were|have been] brought in to [keep operations running|maintain service], [management said|according to management].
{@exp} said [the|this] [strike|walkout] [fit|was part of] a [broader|wider] pattern of [labor unrest|workers pushing back] [after years of staffing cuts|since wages began lagging inflation].
[Workers|Strikers] [will|would] [receive|get] [strike pay|about ${hundreds} a week] from the union's strike fund, [{@off} said|according to the union].
""",
    quotes="""
We want a deal that [is fair|works] for [everyone|both sides], but we cannot accept terms that [threaten|put at risk] the future of this [company|operation]
Our members are [united|solid], and they are ready to stay out [as long as it takes|one day longer]
The door [is|remains] open. We are ready to sit down [tomorrow|any time]
[Nobody|None of us] wants to be out here, but [we|they] left us no choice
We [can't|cannot] keep [doing more with less|working short-staffed] [and|while] [pretending|acting like] [everything's fine|it's safe]
""",
    voices="""
We worked [double shifts|overtime] all through the pandemic. Now they tell us there isn't money for a raise
My rent went up {pct} this year. A {offer} raise doesn't come close to covering that
Nobody wants to be out here in the cold, [believe me|trust me]
[I|We] [love|loved] this job. I just want to be able to [afford|pay] [rent|my bills] [on what they pay me|doing it]
""",
    claims="""
its contingency plans would keep [operations|service] running at [near-normal levels|about {pct} of normal]
members would vote on any tentative agreement within [days|a week]
no new [talks|negotiating sessions] had been [scheduled|set]
""",
    closings="""
Picketing [will|is expected to] [continue|resume] at {time} each day, [the union said|union leaders said].
Neither side said when talks would resume.
[The|Their] previous contract expired [on|in] {month_any}.
""",
    background="""
{union} represents about {thousands} workers across {state} and has [staged|held] [strikes|walkouts] at several employers in recent years.
Union membership in {state} [rose|fell] [slightly|] to about {pct_small} [last year|in {year_past}], according to federal labor data.
{employer} employs about {thousands} people in {county} and is one of the [county's|region's] largest employers.
""",
)

# ============================================================================== generic pools
def generic_lines(block, civic=True):
    """Template lines of a generic pool; '(civic) ' marks lines that only fit local-government
    stories (meetings, petitions, lawmakers), left out of the neutral pool."""
    out = []
    for line in lines(block):
        if line.startswith("(civic) "):
            if civic:
                out.append(line[len("(civic) "):])
        else:
            out.append(line)
    return out


GENERIC_DETAILS = """
The [decision|announcement|news] — [the first of its kind|one of several|the latest] [in {county}|in the region|this year] — [drew|prompted] [mixed reactions|questions|both praise and criticism] [from|among] [residents|business owners|people in {town}].
{@spox} said the {agency_short} [would|planned to] [move quickly|act soon] — [but not|though not] [before|until] [it had|officials had] [heard from|talked with] [residents|the people affected].
[What happens next|The next step] [depends on|hinges on|will turn on] [several|a few] [things|questions] — [among them|including] [money|timing|who pays], [officials said|according to {@spox.}].
[It was not clear|It remained unclear|It was too early to say] [how long|how much longer] [the situation|the disruption|the uncertainty] [would last|might drag on], [and|but] [officials|{@spox}] [promised|pledged|said they would provide] [regular|frequent|daily] [updates|briefings] [in the meantime|until then].
[For many|For some] [people|families|residents] in {town}, [the news|{event}] [landed|arrived|hit] [at a hard time|in an already difficult year|just as things were looking up], [with|as] [prices|rents|costs] [still|] [climbing|rising] and [jobs|work] [harder to find|scarce] in parts of {county}.
{@exp} [said|noted] [that|] [the|this] [kind of|sort of] [event|situation] [tends to|usually] [get|draws] [a burst of|intense] attention [at first|in the first days] [and then|before] [fades|fading] [from view|from the headlines], [even though|while] [the effects|the consequences] [can|may] [last|linger] for [months|years].
[Photos|Videos|Images] [posted|shared] [online|on social media] [by|from] [residents|witnesses|people nearby] [showed|appeared to show] [the scene|what happened] [in the hours after|shortly after|soon after] [the news broke|{event}], [and|though] [officials|authorities] [did not|would not] [confirm|comment on] [details|specifics] [from|in] [them|the images].
[{town}|The community], [which|a place that] [sits|lies] [about {teens} miles {dir} of {town2}|along {river}|in the {dir} corner of {county}], [is|has long been] [known|best known] [for|as] [its farms and orchards|a quiet commuter town|a former railroad hub|its annual summer festival].
[The|A] [full|written] [report|statement|account] [released|published|issued] [by|from] [the {agency_short}|officials] [ran|was] [{small} pages|several pages] [long|] and [included|offered|laid out] [few|only a handful of|a number of] [new details|specifics|figures] [beyond|apart from] [what|those that] [had already been|were] [made public|reported].
[Separately|Meanwhile|In a related development], [the {agency_short}|officials] [said|confirmed] [on {weekday}|{weekday}|late {weekday}] [that|] [it|they] [had|would have] [hired|brought in|retained] [an outside firm|a consultant|outside experts] to [review|examine|look into] [what happened|the matter|its response].
[Not everyone|Few people] [was|were] [surprised|caught off guard]: [several|some|a handful of] [people|residents|longtime observers] [said|told reporters] [they|that they] [had|had long] [expected|seen] [something like this|a day like this] [coming|on the horizon] [for years|for some time].
[The|{event}] [drew|attracted|brought] [reactions|responses|comments] from [well beyond|far outside|beyond] {county}, [with|as] [people|readers|viewers] [from|in] [other states|neighboring counties|across the region] [weighing in|sharing their own experiences] [online|on social media].
[Questions|Calls for answers] [about|over] [who knew what|how it happened|what went wrong] [and when|, and when,] [are likely to|will probably|could] [dominate|shape|hang over] [the coming weeks|the weeks ahead|the rest of the year] in {town}, [according to|said] [several|some] [people|residents|observers] [interviewed|reached] [{weekday}|by reporters].
The {agency_short} did not [immediately respond to|return] [a request|messages|an email|phone calls] [for comment|seeking comment|from reporters][ on {weekday}| {weekday} afternoon| {weekday} evening| by deadline|].
It [was not|wasn't] [immediately|yet|entirely] clear [how|whether|when] [the decision|the episode|{event}] [would|might|could] [affect|change things for|ripple through to] [residents|nearby towns|the {county} budget|families in {town}].
[Word|News] of {event} [spread quickly|drew a swift response|traveled fast] [on social media|in {town}|across {county}|at the diner on {street2}], where [residents|neighbors|local officials] [have long debated|had closely followed|are divided over] [such questions|the issue|what the city owes its residents].
{event} [comes|came] [as|at a time when] [communities|towns and cities|local governments] [across {state}|throughout the region|in {county} and beyond] [struggle with|grapple with|face|wrestle with] [rising costs|tight budgets|staffing shortages|growing demands from residents].
In a statement [released|posted|emailed to reporters] [{weekday}|late {weekday}|on social media], {@spox} said [officials were|the {agency_short} was] "[reviewing the situation|working closely with our partners|committed to transparency|taking this very seriously]" and [would|planned to] [provide updates|share more|say more] [as they become available|in the coming days|when it could].
(civic) [Records|Documents|Emails] [obtained by|reviewed by|released to] [reporters|the newspaper|a local watchdog group] [show|showed|indicate] [that |]the {agency_short} [had been warned|was told|knew] about [the problem|the risks|the costs|the possibility] [as early as|in|by] {year_past}.
{town}, [about {teens} miles {dir} of {town2}|a community of about {pop} people|which sits along {river}|home to about {pop} residents], [last drew|drew] [statewide|regional|wide] attention in {year_past}[ over a similar dispute| after a flood| when its largest employer left|].
{@res} said {res_she} [had followed|has watched|had been tracking] [the issue|{event}|the debate] [closely|for months|since spring] and [was|is] [worried|hopeful|skeptical|cautiously optimistic] about what [comes|happens] next.
[Several|A few|Some|A handful of] [residents|people who attended|business owners|neighbors] [said|told reporters] they [had learned|first learned|heard] [of|about] {event} [from social media|from neighbors|on the local news|at church] [rather than from officials|before any official notice|days before the city said anything].
(civic) [Officials plan|Officials said they plan|The {agency_short} plans|Staff expect] to [post|publish|put out] [a timeline|updates|answers to common questions|a list of frequently asked questions] [on the {agency_short}'s website|online|on social media] [in the coming days|by the end of the week|before the next meeting].
(civic) A [spokesperson|representative|press aide] for the governor's office said [the state was|state officials were] [monitoring|aware of|watching] [the situation|{event}] and [in contact|in touch|talking] with [local leaders|{county} officials|the {agency_short}].
[The|This] [latest development|news] [follows|comes after|caps] [a year|months|a long stretch] [of|marked by] [tension|debate|uncertainty|frustration] [between|among] [residents and officials|neighbors|local leaders] in {town}.
{@exp} said [situations like this|decisions like this|cases like this|disputes of this kind] [are|have become] [increasingly|more and more] common [in small cities|across the region|in states like {state}] [and|but] [rarely|seldom|only occasionally] [get|draw|attract] [much|this much|wide] attention.
[Asked|When asked] [whether|if] [more changes|further steps|other measures] [were|could be|might be] [coming|planned|on the table], {@spox} said [it was|it's] "too early to say."
(civic) [By|As of] {weekday} [evening|afternoon|night], [more than|nearly|about] {hundreds} [people|residents] had [signed|shared] [an online petition|a post about {event}|a letter] [calling for|demanding|asking for] [answers|a public hearing|a delay].
(civic) Reached by phone [on {weekday}|{weekday} evening|later], {@crit} said [the public|residents|taxpayers] [deserved|needed|were owed] [better|more|clearer] information about what [the decision|the plan|it] would [cost|mean] [over the long term|for taxpayers|in the years ahead].
(civic) [Officials|{@spox}] [stressed|emphasized|insisted] that no [final |]decisions had been made [about|on] [next steps|what comes next|the details] and that [residents|the public] would [get|have] [a chance|an opportunity|time] to [weigh in|comment] [before|at] [the next meeting|any vote].
(civic) [Some|Several] [longtime residents|observers|old-timers] [compared|likened] {event} to [the dispute|the controversy|the fight] over [the {last_any} Mill|a proposed landfill|the old county jail|a highway bypass] in {year_past}, which also [drew|brought] [large crowds|hundreds of people] to [public meetings|City Hall].
(civic) [Television|Radio] stations in {town2} [covered|followed] [the story|the situation] [closely|for weeks], and [a video|a clip|footage] [from the meeting|from the scene|posted by a resident] had been [viewed|shared] [more than|nearly] {thousands} times [online|on social media] by {weekday}.
(civic) {town} [officials|leaders] have [faced|been under] [pressure|criticism|scrutiny] [in recent months|this year|since spring] over [a budget shortfall|a water main break|a dispute with the county|a string of resignations], which [some|several|a few] speakers [raised|brought up] [at the same meeting|as well].
[Asked for|Pressed for] [a timeline|specifics|details], {@spox} said [staff were|officials were] [working|meeting] with [state agencies|county leaders|outside experts|consultants] and [hoped|expected] to [release|share] [more details|a plan|answers] [by {month_any}|within weeks|before the end of the year].
(civic) [According to|Based on] [minutes|records|agendas] from [earlier|previous|past] [meetings|discussions], the [issue|question] first [came up|surfaced|arose] in {year_past}, when [a resident|a consultant's report|an audit] [raised|flagged] [concerns|it|the problem].
(civic) {event} has [also|] [drawn|caught] the attention of state lawmakers from {county}, [at least {small}|two|several] of whom said they would [seek|push for|call for] a state [review|hearing|audit] [next session|in the coming weeks|early next year].
In a post on [Facebook|social media|its website] [late {weekday}|on {weekday}|over the weekend], the {agency_short} [thanked|acknowledged] residents for their [patience|questions|input] and [promised|pledged] [regular|weekly|frequent] updates.
(civic) Residents who want to [comment|weigh in|share their views] can [email|write to|call] [officials|the {agency_short}] or [sign up|register|ask] to speak at the [next|upcoming] [public meeting|hearing], according to [a notice|information] [on the {agency_short}'s website|posted at City Hall].
(civic) [The|A] [weekly|daily|local] newspaper in {town} [reported|first reported] [the news|{event}|details of the plan] [on|late on] {weekday}, [citing|after obtaining] [a memo|an internal email|a draft report] [sent to|shared with] [staff|employees].
(civic) [Longtime|Some] [residents|observers] [noted|pointed out] that {town} [has|had] [weathered|survived|come through] [worse|similar episodes|hard times] [before|in the past], [including|most recently] [the closing of its last factory|a flood in {year_past}|the recession].
(civic) [People|Residents] [gathered|lingered] [outside|in the parking lot of] [the building|City Hall|the library] [after|long after] [the meeting|the announcement] [ended|wrapped up], [trading|comparing] [notes|stories|theories] [about|on] what [had happened|it all meant].
[Online|On social media], [reaction|the response] [was|ran] [swift|mixed|heated], [with|as] [dozens|hundreds] of [comments|posts] [praising|criticizing|questioning] [the decision|officials|how it was handled] [within hours|by nightfall].
[A|One] [neighbor|business owner|retired firefighter], {name_any}, said [the mood|the feeling] [in town|on {street2}|at the coffee shop] [was|had been] [tense|uneasy|hopeful] [all week|since the news broke].
(civic) {@off} [acknowledged|conceded|admitted] [that|] [the|this] [process|rollout|response] [had not been|was not] [perfect|smooth|as clear as it should have been] [but said|, but said] [officials|the {agency_short}] [had acted|were acting] [in good faith|as quickly as possible].
(civic) [Budget|Financial] [documents|records] [show|showed] [the {agency_short}|{town}] [set aside|budgeted|spent] [about|roughly|nearly] {money} [for|on] [the effort|similar work|outside consultants] [last year|in {year_past}|over the past {small} years].
(civic) [Critics|Skeptics|Some residents] [have|had] [questioned|asked] [whether|how] [the {agency_short}|officials] [could|would] [pay for|staff|sustain] [the plan|it] [without|absent] [raising taxes|state help|cuts elsewhere].
(civic) The {agency_short} [said|added] [it|that it] [would|planned to] [hold|schedule|host] [a series of|several|at least {small}] [listening sessions|public forums|open houses] [in|across] [{town} and {town2}|each neighborhood|the county] [before|ahead of] [any final decision|the next vote].
"""

GENERIC = dict(
    details=compile_pool(generic_lines(GENERIC_DETAILS), vary=True),
    details_neutral=compile_pool(generic_lines(GENERIC_DETAILS, civic=False), vary=True),
    background=compile_pool(vary=True, sources=lines("""
{county} [has|is home to] about {county_pop} residents[, and {town} is its|, with {town} as its] [largest|second-largest] [community|city].
[In|Back in] {year_past}, [officials|the county] [considered|studied] a [similar|related] [proposal|plan] but [set it aside|shelved it] [because of|amid] [cost concerns|public opposition].
The [area|region] [has|had] [lost|gained] [jobs|residents] [steadily|rapidly] [since the closure of the {last_any} paper mill in {year_past}|over the past two decades].
[Census|State] figures show [the median household income|the poverty rate] in {county} [is|was] [below|above] the state [average|figure].
""")),
    closings=compile_pool(vary=True, sources=lines("""
[A public meeting|A community forum] [is scheduled|has been scheduled] for {weekday_any} at {time} at the {town} [Public Library|Community Center|Town Hall].
{@spox} said [more information|an update] would be [released|provided] [later this week|on {weekday_any}|in the coming days].
[Officials said they would|The {agency_short} said it would|Officials planned to] [revisit|review] [the matter|the issue] [at its next meeting|in {month_any}].
""")),
    quotes=compile_pool(vary=True, sources=lines("""
We're not there yet — not even close — but we're headed in the right direction
Nobody here is pretending this is easy. It isn't. But it's the right thing to do — I'm convinced of that
We're going to keep [working|pushing] until this is [fixed|done right]
It's been a long [week|month|year] for a lot of people [here|in this community]
There's still a lot we don't know, and we're not going to [guess|speculate]
We'll have more to say [in the coming days|once we've reviewed everything]
I've never seen anything like it in {years} years
People here look out for each other. That hasn't changed
[Our door is|My door is|My phone is] always open to anyone who wants to talk about this
[I think|I believe] most people [just|simply] want [answers|to be heard]
We owe it to [the people of {town}|our residents|these families] to get this right
[Nobody|No one] [wanted|expected] to be in this position
""")),
    # Ledes of a second, independently written story about the same event (same-topic).
    followup_ledes=compile_pool(vary=True, sources=lines("""
A day after {event}, [officials|residents|leaders] in {town} were still [sorting out|weighing|debating] what it would mean [for the community|for families|in the months ahead].
[Questions|New questions] [mounted|emerged] [on|] {weekday_next} [over|about] {event}, as [residents|critics|local officials] [pressed|asked] for [answers|details] [that|which] [officials|the {agency_short}] [had not yet provided|said were still being worked out].
[In {town}, |][the reaction to|the fallout from] {event} [was|has been] [swift|mixed|intense], [with|as] [supporters and critics|neighbors] [trading|sharing] [arguments|accounts] [at coffee shops|online|at a packed meeting] [on|] {weekday_next}.
[For many in {town}|For residents of {town}], {event} [was|came as] [a surprise|a shock|long overdue] — [and|but] [the hard part|the real work|the questions] [may be|are] just beginning.
[What happens now|What comes next] [after|following] {event} [is|remains] [unclear|uncertain], [local officials said|officials acknowledged] {weekday_next}, [as|while] [they|the {agency_short}] [worked|scrambled] to [respond|answer questions].
""")),
    followup_details=compile_pool(vary=True, sources=lines("""
[Speaking|In an interview] [on|] {weekday_next}, {@off} [defended|stood by] the [decision|response] and said [the|{off_her}] [office|team] [had|has] [acted|moved] [as quickly as possible|with the information available].
[By|On] {weekday_next} [morning|afternoon], [dozens of|several] [residents|people] had [called|emailed] [the {agency_short}|local officials] [with|to raise] [questions|concerns], {@spox} said.
[Critics|Some residents] [said|argued] the [public|community] [should have been|deserved to be] [told|consulted] [sooner|earlier] about {event}.
[A|One] [local|longtime] [business owner|resident], {name_any}, said [the news|{event}] [was|had been] the [talk|main topic] of [the town|every conversation] [since|all week].
{@crit} [called for|asked for] [an independent review|a public hearing|more transparency] [of|on] {event}, [saying|arguing] [residents|taxpayers] [deserved|were owed] [a full accounting|answers].
[Officials said they were|Officials acknowledged they were|The {agency_short} said it was] [still |][reviewing|gathering] [information|the details] and would [share|release] [more|an update] [when|once] [it was|they were] [complete|ready].
""")),
)

TOPICS = [COUNCIL, COURTS, CRIME, STORM, BUSINESS, SPORTS_TOPIC, HEALTH, TRANSPORT, RESEARCH, SCHOOLS,
          FIRE, UTILITY, CYBER, STRIKE]
# How often each topic is drawn (local news is mostly government, courts, crime and weather).
TOPIC_WEIGHTS = [12, 9, 10, 8, 9, 7, 7, 7, 6, 7, 6, 4, 4, 4]


def template_count():
    """Distinct sentence templates across topics and generic pools (for the README / summary)."""
    return sum(t.template_count() for t in TOPICS) + sum(len(p) for k, p in GENERIC.items() if k != "details_neutral")


if __name__ == "__main__":
    print(template_count())
