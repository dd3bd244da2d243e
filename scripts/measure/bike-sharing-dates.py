# bike_sharing.csv (UCI hourly, rows in time order) without its date: rebuild the timestamp of every row and write
# OUT with a `datetime` column (ISO-8601) in place of yr, mnth, hr and weekday, which the timestamp implies.
# The rows start on Saturday 2011-01-01; a new day begins where the hour does not increase, and the weekday
# column says how many days passed. Every rebuilt timestamp is checked against yr, mnth, hr and weekday.
# Usage: bike-sharing-dates.py bike_sharing.csv OUT.csv
import csv, datetime, sys
src, out = sys.argv[1], sys.argv[2]
with open(src) as f:
    rows = list(csv.DictReader(f))
day = datetime.date(2011, 1, 1)
prev_hr, prev_wd = -1, 6
stamps = []
for r in rows:
    hr, wd = int(r["hr"]), int(r["weekday"])
    if hr <= prev_hr or wd != prev_wd:
        step = (wd - prev_wd) % 7 or 7
        day += datetime.timedelta(days=step)
    prev_hr, prev_wd = hr, wd
    assert day.year - 2011 == int(r["yr"]) and day.month == int(r["mnth"]) and (day.weekday() + 1) % 7 == wd, (r, day)
    stamps.append(f"{day.isoformat()}T{hr:02d}:00")
keep = [c for c in rows[0] if c not in ("yr", "mnth", "hr", "weekday")]
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["datetime"] + keep)
    for s, r in zip(stamps, rows):
        w.writerow([s] + [r[c] for c in keep])
print(f"{len(rows)} rows, {stamps[0]} .. {stamps[-1]}, {len(set(s[:10] for s in stamps))} days")
