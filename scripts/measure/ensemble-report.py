import json, os
WORK = os.environ.get("WORK", "/tmp/exp")
rows = []
for d in ["credit_g","eye_movements","covertype","california_housing","adult","diamonds"]:
    for mode in ["holdout","folds5"]:
        p = f"{WORK}/{d}/{mode}"
        if not os.path.exists(p + "/eval-ensemble.json"): continue
        tr = json.load(open(p + "/train.json"))
        best = next(r for r in tr["leaderboard"] if r["model"] == "best-td").get("note","").replace("= ","")
        key = "error" if tr["task"] != "regression" else "nrmse"
        ev = {m: json.load(open(f"{p}/eval-{m}.json")) for m in ["ensemble","lightgbm-td","fasttree-td","realmlp-td"]}
        wall, rss = open(p + "/time.txt").read().split()[-2:]
        w = {r["model"]: r.get("weight") for r in tr["leaderboard"]}
        fmt = lambda m: f'{ev[m][key]:.4f}'
        print(f'| {d} | {mode} | {key} | {fmt("lightgbm-td")} | {fmt("fasttree-td")} | {fmt("realmlp-td")} | {ev[best][key]:.4f} ({best}) | {fmt("ensemble")} | {float(wall):.0f} | {int(rss)//1024} | ' +
              ", ".join(f"{k.split('-')[0]} {v:.2f}" for k, v in w.items() if v is not None))
