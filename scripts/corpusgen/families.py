"""Templated reports: hard negatives that share most of their wording but none of their facts.

Newsrooms publish many reports from one template: quarterly earnings briefs, market closes,
forecasts, high-school results, monthly jobs reports, police blotters, lottery results. Two
reports of one family share much of their text (typically 40-70 % of word 4-grams) but are
different stories: every instance gets its own facts (company, figures, date, town) and is
its own cluster, labeled `template`.

Each family is a facts builder plus an ordered list of paragraph templates; a few paragraphs
are optional, and a few phrases have alternatives, as real templated copy does.
"""

from .grammar import Context, compile_pool
from .stories import Story, base_facts
from .vocab import (COMPANY_ROOTS, FILLERS, MONTHS, SECTORS, TOWN_ROOTS, WEEKDAYS, between, comma, company,
                    full_name, money, number_ap, pick, town)


def _cents(x):
    return f"{int(round(x * 100))} cents" if x < 1 else f"${x:.2f}"


def _dir(now, before, up, down):
    return up if now >= before else down


def earnings_facts(rng, f):
    name, sector, blurb, _ = company(rng)
    q = pick(rng, ["first", "second", "third", "fourth"])
    eps = rng.random() * 3 + 0.1
    eps_prev = eps * (0.7 + rng.random() * 0.6)
    ni = eps * between(rng, 20, 160)
    ni_prev = ni * eps_prev / eps
    rev = ni * (6 + rng.random() * 20)
    rev_prev = rev / (0.9 + rng.random() * 0.25)
    est = eps * (0.85 + rng.random() * 0.3)
    ceo = full_name(rng)
    f.update(company=name, quarter=q, blurb=blurb, eps=_cents(eps), eps_prev=_cents(eps_prev),
             ni=money(rng, ni, ni), ni_prev=money(rng, ni_prev, ni_prev), ni_dir=_dir(ni, ni_prev, "up", "down"),
             rev=money(rng, rev, rev), rev_prev=money(rng, rev_prev, rev_prev),
             rev_dir=_dir(rev, rev_prev, "up", "down"), rev_pct=f"{abs(rev / rev_prev - 1) * 100:.1f}",
             est=_cents(est), beat=_dir(eps, est, "topped", "fell short of"), n_an=number_ap(between(rng, 4, 14)),
             adj_eps=_cents(eps * (1 + rng.random() * 0.15)), adj_items=pick(rng, ["restructuring costs", "one-time charges",
                                                                                    "stock compensation", "asset sales"]),
             ceo=ceo[0], ceo_last=ceo[1], rev_est=money(rng, rev * 0.97, rev * 1.03),
             shares_dir=pick(rng, ["rose", "fell", "climbed", "slipped"]), shares_pct=f"{rng.random() * 9 + 0.3:.1f}",
             price=f"${rng.random() * 200 + 8:.2f}", ytd_dir=pick(rng, ["risen", "fallen", "gained", "declined"]),
             ytd_pct=str(between(rng, 2, 45)), emp=comma(between(rng, 8, 400) * 100),
             hq=f"{town(rng)}, {pick(rng, ['Ohio', 'Wis.', 'Texas', 'Ga.', 'Utah', 'Ind.', 'Ore.', 'Minn.', 'Pa.'])}",
             fy_verb=pick(rng, ["raised", "lowered", "reaffirmed", "narrowed"]),
             fy_eps=f"{_cents(eps * 3.6)} to {_cents(eps * 3.9)}", fy_rev=f"{money(rng, rev * 3.7, rev * 3.7)} to {money(rng, rev * 4, rev * 4)}",
             call_time=pick(rng, ["8:30 a.m.", "9 a.m.", "4:30 p.m.", "5 p.m.", "10 a.m."]),
             title_verb=_dir(eps, est, pick(rng, ["tops", "beats"]), "misses"),
             rev_cmp=pick(rng, ["also topping", "falling short of", "meeting"]), n_an_rev=pick(rng, ["Three", "Four", "Five", "Six", "Seven"]),
             yr_dir=pick(rng, ["increased", "decreased", "climbed", "declined"]), yr_pct=str(between(rng, 1, 60)),
             ticker="".join(w[0] for w in name.split())[:2].upper() + chr(65 + between(rng, 0, 25)))


EARNINGS = dict(
    entity=["company", "blurb", "hq", "ceo", "ceo_last", "ticker", "town", "town_up", "state", "state_ap", "county"],
    name="earnings", section="Business", facts=earnings_facts, wire="AP",
    title="{company} {title_verb} Street {quarter}-quarter forecasts",
    paragraphs="""
{company} on {weekday} reported {quarter}-quarter net income of {ni}.
On a per-share basis, the {hq}-based company said it had net income of {eps}. Earnings, adjusted for {adj_items}, came to {adj_eps} per share.
The results {beat} Wall Street expectations. The average estimate of {n_an} analysts surveyed by Tally Research was for earnings of {est} per share.
The {blurb} posted revenue of {rev} in the period, {rev_cmp} Street forecasts. {n_an_rev} analysts surveyed by Tally expected {rev_est}.
In the same period a year earlier, the company reported net income of {ni_prev}, or {eps_prev} per share, on revenue of {rev_prev}.
For the year, {company} {fy_verb} its forecast and now expects full-year earnings in the range of {fy_eps} per share, with revenue in the range of {fy_rev}.
{company} shares have {ytd_dir} {ytd_pct}% since the beginning of the year. The stock has {yr_dir} {yr_pct}% in the last 12 months.
The company's results are reported under generally accepted accounting principles. Adjusted figures exclude items that management considers unusual or not part of its ongoing operations, and they may not be comparable to figures reported by other companies.
Tally Research surveys the analysts who cover each company and reports the average of their estimates. Estimates can be revised in the days before results are released.
_____
This story was generated by Tally Research using data from Zeller Market Data about {company}. Access a Zeller stock report on {ticker} at https://www.zellerdata.example/ZMD/{ticker}
""")


def market_facts(rng, f):
    idx = rng.random() * 900 + 4800
    chg = (rng.random() - 0.45) * 2.4
    dow = rng.random() * 6000 + 38000
    tech = rng.random() * 3000 + 15000
    yld = rng.random() * 1.5 + 3.6
    movers = [(f"{pick(rng, COMPANY_ROOTS)} {pick(rng, SECTORS[s][0])}", s) for s in [pick(rng, list(SECTORS)) for _ in range(3)]]
    f.update(
        mdir=_dir(chg, 0, pick(rng, ["rose", "climbed", "gained", "edged higher"]), pick(rng, ["fell", "slipped", "dropped", "edged lower"])),
        idx_chg=f"{abs(chg):.1f}", idx=f"{idx:,.2f}", idx_pts=f"{abs(idx * chg / 100):.2f}",
        dow_pts=comma(between(rng, 3, 600)), dow=f"{dow:,.2f}", dow_dir=pick(rng, ["rose", "fell", "added", "lost"]),
        tech_pct=f"{rng.random() * 2:.1f}", tech=f"{tech:,.2f}", tech_dir=pick(rng, ["rose", "fell", "gained", "slid"]),
        small_pct=f"{rng.random() * 2:.1f}", yld=f"{yld:.2f}", yld_prev=f"{yld + (rng.random() - 0.5) * 0.2:.2f}",
        driver=pick(rng, ["a stronger-than-expected report on retail sales", "fresh worries about interest rates",
                          "a rally in technology stocks", "weak earnings from several big retailers",
                          "a drop in oil prices", "comments from central bank officials", "a surprise jump in factory orders",
                          "data showing inflation cooled last month"]),
        mover1=movers[0][0], mover1_pct=f"{rng.random() * 15 + 2:.1f}", mover1_why=pick(rng, ["after raising its forecast", "after reporting strong results",
                                                                                               "on news of a buyout offer", "after an analyst upgrade"]),
        mover2=movers[1][0], mover2_pct=f"{rng.random() * 15 + 2:.1f}", mover2_why=pick(rng, ["after cutting its outlook", "after missing profit forecasts",
                                                                                               "after its chief executive resigned", "after a product recall"]),
        oil=f"${rng.random() * 40 + 55:.2f}", oil_dir=pick(rng, ["rose", "fell"]), oil_chg=f"{rng.random() * 2.5:.2f}",
        gold=f"${rng.random() * 500 + 2100:,.2f}", adv=f"{rng.random() * 2 + 0.5:.1f}",
        vol=f"{rng.random() * 4 + 9:.1f}", session=pick(rng, ["choppy", "quiet", "volatile", "steady"]),
        dow_chg=f"{rng.random() * 1.5:.1f}", tech_pts=f"{rng.random() * 300:.2f}",
        small_dir=pick(rng, ["rose", "fell"]), small_pts=f"{rng.random() * 40:.2f}", small_idx=f"{rng.random() * 600 + 1900:,.2f}",
        wk_dir=pick(rng, ["up", "down"]), wk_pts=f"{rng.random() * 120:.2f}", wk_pct=f"{rng.random() * 3:.1f}",
        wk_dir2=pick(rng, ["up", "down"]), wk_pts2=f"{rng.random() * 900:.2f}", wk_pct2=f"{rng.random() * 3:.1f}",
        yr_dir=pick(rng, ["up", "down"]), yr_pts=f"{rng.random() * 700:.2f}", yr_pct=f"{rng.random() * 20:.1f}",
        yr_dir2=pick(rng, ["up", "down"]), yr_pts2=f"{rng.random() * 3000:.2f}", yr_pct2=f"{rng.random() * 25:.1f}",
    )


MARKETS = dict(
    entity=[],
    name="markets", section="Business", facts=market_facts, wire="AP",
    title="How major US stock indexes fared {weekday}, {date_ap}",
    paragraphs="""
Stocks {mdir} on Wall Street {weekday}, as {driver} set the tone for trading.
Here is how the major U.S. stock indexes fared at the close of trading on {weekday}, {date_ap}:
The Meridian 500 {mdir} {idx_pts} points, or {idx_chg}%, to {idx}.
The Continental Industrial Average {dow_dir} {dow_pts} points, or {dow_chg}%, to {dow}.
The TechNet Composite {tech_dir} {tech_pts} points, or {tech_pct}%, to {tech}.
The Ridgeline 2000 index of smaller companies {small_dir} {small_pts} points, or {small_pct}%, to {small_idx}.
For the week, the Meridian 500 is {wk_dir} {wk_pts} points, or {wk_pct}%. The Continental Industrial Average is {wk_dir2} {wk_pts2} points, or {wk_pct2}%.
For the year, the Meridian 500 is {yr_dir} {yr_pts} points, or {yr_pct}%. The TechNet Composite is {yr_dir2} {yr_pts2} points, or {yr_pct2}%.
In the bond market, the yield on the 10-year Treasury moved to {yld}% from {yld_prev}% late {weekday_prev}. The yield helps set rates for mortgages and other loans.
Benchmark U.S. crude oil {oil_dir} {oil_chg} to settle at {oil} a barrel. Gold settled at {gold} an ounce.
The Meridian 500 tracks 500 of the largest U.S. companies by market value. The Continental Industrial Average follows 30 large, widely held stocks, and the TechNet Composite is weighted toward technology companies.
Index figures are preliminary and based on closing prices reported by the exchanges. They may be revised after the close as late trades are reported.
""")


def weather_facts(rng, f):
    hi = between(rng, 8, 96)
    f.update(hi=str(hi), lo=str(hi - between(rng, 6, 22)), pop=str(between(rng, 0, 10) * 10),
             sky=pick(rng, ["mostly sunny skies", "partly cloudy skies", "gray skies and a raw wind", "scattered showers",
                            "periods of rain", "light snow", "patchy fog early, then sunshine", "a few thunderstorms"]),
             wind_dir=pick(rng, ["north", "south", "east", "west", "northwest", "southwest"]),
             wind_lo=str(between(rng, 3, 12)), wind_hi=str(between(rng, 13, 25)), gust=str(between(rng, 26, 45)),
             morning=pick(rng, ["dry and cool", "foggy in low spots", "damp, with drizzle", "cold, with a few flurries",
                                "mild and breezy", "humid"]),
             afternoon=pick(rng, ["clouds will increase", "skies will clear", "showers will become more widespread",
                                  "the wind will pick up", "temperatures will climb quickly"]),
             sunrise=f"{between(rng, 5, 7)}:{between(rng, 10, 59):02d} a.m.", sunset=f"{between(rng, 4, 8)}:{between(rng, 10, 59):02d} p.m.",
             yhi=str(hi + between(rng, -8, 8)), ylo=str(hi - between(rng, 8, 20)), normal=str(hi + between(rng, -5, 5)),
             outlook=pick(rng, ["Drier air returns for the weekend.", "Another storm system could arrive by Sunday.",
                                "Temperatures will run above normal through the middle of next week.",
                                "A cold front Thursday will bring the chilliest air of the season so far."]),
             water=str(between(rng, 38, 78)), uv=pick(rng, ["low", "moderate", "high"]), aq=pick(rng, ["good", "moderate"]),
             pollen=pick(rng, ["low", "moderate", "high"]), inland=pick(rng, ["cooler", "warmer"]))


WEATHER = dict(
    entity=["town", "town2", "county", "state", "state_ap", "town_up"],
    name="forecast", section="Weather", facts=weather_facts, wire="local",
    title="{town} forecast for {weekday}: {sky_hl}",
    paragraphs="""
Forecasters expect {sky} across the {town} area on {weekday}, {date_ap}, with a high near {hi} degrees and an overnight low around {lo}, according to the National Weather Service.
The morning commute will start {morning}. By afternoon, {afternoon}.
Winds will blow from the {wind_dir} at {wind_lo} to {wind_hi} mph, with gusts of up to {gust} mph in open areas. The chance of precipitation is {pop}%.
Inland, in {town2} and the rest of {county}, highs will be a few degrees {inland}, while lows could dip into the {lo_band} in low-lying areas.
Sunrise is at {sunrise} and sunset at {sunset}. {weekday_prev}'s high at {town} Regional Airport was {yhi} degrees and the low was {ylo}. The normal high for the date is {normal}.
The UV index will be {uv}, air quality is expected to be {aq} and the pollen count is {pollen}.
Looking ahead: {outlook}
The forecast is updated several times a day, and conditions can change quickly, especially near the water and in the hills. Check the latest forecast before heading out, and sign up for weather alerts from the county's emergency notification system.
What the terms mean: A watch means conditions are favorable for hazardous weather. A warning means hazardous weather is occurring or is about to occur. An advisory is issued for less serious conditions that could still cause significant inconvenience.
Forecast data are provided by the National Weather Service. Temperatures are in degrees Fahrenheit and are measured at the airport unless otherwise noted.
""")


def sports_results_facts(rng, f):
    teams = [f"{town(rng)}" for _ in range(8)]
    scores = [(between(rng, 28, 84), between(rng, 20, 80)) for _ in range(4)]
    f.update(
        sport_season=pick(rng, ["Boys basketball", "Girls basketball", "Football", "Girls volleyball", "Boys soccer"]),
        conf=f"{pick(rng, TOWN_ROOTS)} Valley Conference",
        t1=teams[0], t2=teams[1], t3=teams[2], t4=teams[3], t5=teams[4], t6=teams[5], t7=teams[6], t8=teams[7],
        s1=f"{max(scores[0])}-{min(scores[0])}", s2=f"{max(scores[1])}-{min(scores[1])}",
        s3=f"{max(scores[2])}-{min(scores[2])}", s4=f"{max(scores[3])}-{min(scores[3])}",
        p1=full_name(rng)[0], p2=full_name(rng)[0], p3=full_name(rng)[0], p4=full_name(rng)[0],
        n1=str(between(rng, 12, 38)), n2=str(between(rng, 10, 31)), n3=str(between(rng, 8, 27)), n4=str(between(rng, 6, 24)),
        r1=str(between(rng, 3, 16)), a1=str(between(rng, 2, 11)),
        rec1=f"{between(rng, 5, 15)}-{between(rng, 0, 6)}", rec2=f"{between(rng, 3, 12)}-{between(rng, 1, 8)}",
        next_day=pick(rng, WEEKDAYS[:6]), streak=pick(rng, ["second", "third", "fourth", "fifth"]),
    )


HS_RESULTS = dict(
    entity=["conf", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "town", "state", "state_ap", "town_up", "domain_hint", "sport_season"],
    name="hs-results", section="High School Sports", facts=sports_results_facts, wire="local",
    title="{sport_season} roundup: {t1} [beats|tops|handles] {t2}",
    paragraphs="""
{t1} {s1}, {t2}: {p1} scored {n1} points and grabbed {r1} rebounds as {t1} improved to {rec1} in the {conf}.
{t3} {s2}, {t4}: {p2} had {n2} points and {a1} assists for {t3}, which pulled away in the fourth quarter.
{t5} {s3}, {t6}: {p3} added {n3} points and {t5} held {t6} to nine points in the third quarter.
{t7} {s4}, {t8}: {p4} finished with {n4} points as {t7} ({rec2}) won its {streak} straight game.
Next up: Conference play continues {next_day}, with {t2} at {t3} and {t8} hosting {t1}. Games begin at 7 p.m.
Scores and statistics are reported by coaches and athletic directors and have not been independently verified. Coaches can report results by email or by calling the sports desk after 7 p.m. on game nights.
All games are subject to change because of weather or scheduling conflicts. Check with the school's athletic office before traveling to a game.
Want your team's results included in the weekly roundup? Results must be received by 10 p.m. on the night of the game to appear in the next day's edition.
""")


def jobs_facts(rng, f):
    rate = rng.random() * 6 + 2.2
    prev = rate + (rng.random() - 0.5) * 0.8
    yr = rate + (rng.random() - 0.5) * 1.6
    state_rate = rng.random() * 3 + 3
    f.update(rate=f"{rate:.1f}", prev=f"{prev:.1f}", yr=f"{yr:.1f}", state_rate=f"{state_rate:.1f}",
             rdir=_dir(rate, prev, "rose", "fell"), jmonth=pick(rng, MONTHS), labor=comma(between(rng, 80, 2400) * 100),
             employed=comma(between(rng, 70, 2300) * 100), jobs_chg=comma(between(rng, 1, 40) * 10),
             jdir=pick(rng, ["added", "lost"]), sector1=pick(rng, ["health care", "construction", "retail", "manufacturing",
                                                                   "leisure and hospitality", "government"]),
             sector2=pick(rng, ["transportation and warehousing", "professional services", "education", "finance"]),
             s1_chg=comma(between(rng, 1, 30) * 10), s2_chg=comma(between(rng, 1, 20) * 10),
             analyst=full_name(rng)[0], release_day=pick(rng, WEEKDAYS[:5]))


JOBS = dict(
    entity=["county", "state", "state_ap", "town", "town_up", "analyst"],
    name="jobs-report", section="Economy", facts=jobs_facts, wire="local",
    title="{county} jobless rate {rdir} to {rate}% in {jmonth}",
    paragraphs="""
The unemployment rate in {county} {rdir} to {rate}% in {jmonth}, from {prev}% the month before, according to figures released {weekday} by the {state} Department of Labor.
A year earlier, the county's jobless rate was {yr}%. The statewide rate for {jmonth} was {state_rate}%, seasonally adjusted.
The county's labor force, which counts people who are working or looking for work, stood at {labor}, and {employed} residents had jobs.
Employers in the county {jdir} about {jobs_chg} jobs during the month. The biggest change came in {sector1}, which {jdir} {s1_chg} positions.
County figures are not seasonally adjusted, so they can swing from month to month with holiday hiring, school calendars and farm work. They are estimates and are revised the following month, when more complete data become available.
The figures come from the Local Area Unemployment Statistics program, which combines a monthly survey of households with payroll data from employers and claims for unemployment insurance.
People are counted as unemployed if they do not have a job, have actively looked for work in the past four weeks and are currently available to work. People who have stopped looking for work are not counted in the labor force.
Residents looking for work can find job listings, training programs and help with resumes at the state's career centers or on the Department of Labor's website.
The department will release {next_month} figures for counties on {release_day}.
""")


def blotter_facts(rng, f):
    f.update(dept=f"{f['town']} Police Department", period=pick(rng, ["week", "weekend"]))


BLOTTER_ITEMS = compile_pool([
    "{time}, {street_any}: Officers responded to a report of a suspicious person. The person was gone when officers arrived.",
    "{time}, {street_any}: A resident reported a bicycle stolen from a porch. The bike was valued at {money_k}.",
    "{time}, {street_any}: A {teens}-year-old {town_any} man was arrested on a charge of driving under the influence after a traffic stop.",
    "{time}, {street_any}: A caller reported loud music. Officers asked the residents to turn it down.",
    "{time}, {street_any}: A two-vehicle crash was reported. No injuries.",
    "{time}, {street_any}: A woman reported that someone used her credit card information to make purchases online.",
    "{time}, {street_any}: Officers assisted firefighters with a medical call.",
    "{time}, {street_any}: A shoplifting complaint was reported at a convenience store. A {teens}-year-old was issued a summons.",
    "{time}, {street_any}: A dog was reported running loose. It was returned to its owner.",
    "{time}, {street_any}: A resident reported a catalytic converter stolen from a vehicle overnight.",
    "{time}, {street_any}: {name_any}, {teens}, of {town_any}, was arrested on an outstanding warrant.",
    "{time}, {street_any}: A caller reported a scam phone call from someone claiming to be from the power company.",
    "{time}, {street_any}: Officers investigated a report of graffiti on a building.",
    "{time}, {street_any}: A mailbox was reported damaged.",
    "{time}, {street_any}: A driver was cited for speeding and driving with a suspended license.",
    "{time}, {street_any}: Officers responded to a domestic disturbance. One person was arrested.",
])


BLOTTER = dict(
    entity=["town", "town_up", "dept", "county", "state", "state_ap"],
    name="police-blotter", section="Public Safety", facts=blotter_facts, wire="local",
    title="{town} police blotter: {date_ap}",
    paragraphs="""
The following incidents were reported to the {dept} during the {period} ending {weekday}, {date_ap}. Information comes from police logs.
@items
The police blotter is compiled from public records provided by the police department. Everyone charged with a crime is presumed innocent until proven guilty in a court of law. An arrest is not a conviction.
The names of juveniles and of the victims of crimes are not published. People whose charges are later dismissed or who are found not guilty may request an update to this report by providing court documents.
Anyone with information about these incidents is asked to call the {dept} at 555-0{hundreds}. Tips can be left anonymously.
""")


def lottery_facts(rng, f):
    def balls(n, hi):
        out = []
        while len(out) < n:
            b = between(rng, 1, hi)
            if b not in out:
                out.append(b)
        return "-".join(f"{b:02d}" for b in sorted(out))
    f.update(lotto=balls(6, 49), bonus=str(between(rng, 1, 20)), cash5=balls(5, 39), pick3=f"{between(rng, 0, 999):03d}",
             pick4=f"{between(rng, 0, 9999):04d}", jackpot=money(rng, 1, 90), next_jackpot=money(rng, 1.5, 95),
             winners=number_ap(between(rng, 0, 6)), second=str(between(rng, 5, 90)), mega=balls(5, 70), mball=str(between(rng, 1, 25)),
             mega_jackpot=money(rng, 20, 900), lottery=f"{pick(rng, TOWN_ROOTS)} State Lottery")


LOTTERY = dict(
    entity=["lottery", "town", "town_up", "state", "state_ap"],
    name="lottery", section="Local", facts=lottery_facts, wire="local",
    title="Lottery results for {weekday}, {date_ap}",
    paragraphs="""
Here are the winning numbers drawn {weekday}, {date_ap}, by the {lottery}.
Lotto: {lotto}. Bonus ball: {bonus}. Estimated jackpot: {jackpot}. {winners_line}
Cash 5: {cash5}. {second} tickets matched four numbers.
Pick 3 midday: {pick3}. Pick 4 evening: {pick4}.
Mega Millions: {mega}. Mega Ball: {mball}. The estimated jackpot for the next drawing is {mega_jackpot}.
The next Lotto drawing is {next_day}, with an estimated jackpot of {next_jackpot}.
Winning numbers are unofficial until verified by the lottery. In the event of a discrepancy, the official drawing results shall prevail.
Prizes of up to $599 can be claimed at any lottery retailer. Larger prizes must be claimed at a lottery office or by mail, and all prizes must be claimed within 180 days of the drawing.
Players must be 18 or older. If you or someone you know has a gambling problem, help is available 24 hours a day by calling 1-800-555-0199.
""")

FAMILIES = [EARNINGS, MARKETS, WEATHER, HS_RESULTS, JOBS, BLOTTER, LOTTERY]
FAMILY_WEIGHTS = [3, 2, 3, 2, 2, 2, 1]

for _fam in FAMILIES:
    _fam["title_c"] = compile_pool([_fam["title"]])[0]
    _fam["paras_c"] = [(p, None) if p == "@items" else (p, compile_pool([p])[0])
                       for p in (ln.strip() for ln in _fam["paragraphs"].strip().split("\n")) if p]


SERIES_SHARE = 0.5  # reports that reuse the entity (company, town, lottery) of an earlier one


def write_family_report(rng, memory, cluster=None):
    """A templated report (Story) of a random family.

    `memory` maps family names to the entity facts of earlier reports: in about half of the
    reports the outlet covers the same company, town or lottery again (another quarter,
    another day), which makes two reports of one series share even more of their wording.
    """
    total = sum(FAMILY_WEIGHTS)
    x = rng.random() * total
    fam = FAMILIES[-1]
    for candidate, w in zip(FAMILIES, FAMILY_WEIGHTS):
        x -= w
        if x < 0:
            fam = candidate
            break
    f, d = base_facts(rng)
    f["town_up"] = f["town"].upper()
    f["weekday_prev"] = WEEKDAYS[(d.weekday() - 1) % 7]
    f["next_day"] = WEEKDAYS[(d.weekday() + 2) % 7]
    f["next_month"] = MONTHS[d.month % 12]
    f["domain_hint"] = f"{f['town'].lower().replace(' ', '')}news.example"
    fam["facts"](rng, f)
    earlier = memory.get(fam["name"])
    if earlier and rng.random() < SERIES_SHARE:
        f.update(pick(rng, earlier))
    elif fam["entity"]:
        memory.setdefault(fam["name"], []).append({k: f[k] for k in fam["entity"]})
        if len(memory[fam["name"]]) > 40:
            del memory[fam["name"]][:20]
    if fam is MARKETS:
        f["mdir_hl"] = {"rose": "rise", "climbed": "climb", "gained": "gain", "edged higher": "edge higher",
                        "fell": "fall", "slipped": "slip", "dropped": "drop", "edged lower": "edge lower"}[f["mdir"]]
        f["driver_hl"] = f["driver"].replace("a ", "", 1) if f["driver"].startswith("a ") else f["driver"]
    if fam is WEATHER:
        f["sky_hl"] = f["sky"][0].upper() + f["sky"][1:]
        f["lo_band"] = f"{(int(f['lo']) // 10) * 10}s" if int(f["lo"]) >= 10 else "single digits"
    if fam is LOTTERY:
        f["winners_line"] = ("There was no jackpot winner." if f["winners"] == "zero"
                             else f"Tickets matching all six numbers: {f['winners']}.")
    ctx = Context(rng, f, FILLERS, {})
    paragraphs = []
    for src, template in fam["paras_c"]:
        if template is None:
            items = list(BLOTTER_ITEMS)
            for _ in range(between(rng, 9, 14)):
                paragraphs.append(ctx.render(items.pop(int(rng.random() * len(items)))))
        else:
            paragraphs.append(ctx.render(template))
    story = Story()
    story.cluster = cluster
    story.topic = None
    story.facts = f
    story.people = {}
    story.title = ctx.render(fam["title_c"])
    story.paragraphs = paragraphs
    story.used = []
    story.lede_template = None
    story.date = d
    story.hour = between(rng, 5, 22)
    story.minute = between(rng, 0, 59)
    story.wire = fam["wire"]
    story.section = fam["section"]
    story.authors = [full_name(rng)[0]]
    return story, fam["name"]
