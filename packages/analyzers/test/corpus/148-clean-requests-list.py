# expect: nothing
# why: a local list named requests, not the HTTP library
# tricky
requests = []
for pv in ["SR:Q01:CURRENT_SP", "SR:Q02:CURRENT_SP"]:
    requests.append({"pv": pv, "reason": "tune correction"})
pending = [r for r in requests if r["pv"].endswith("_SP")]
print(f"{len(pending)} change requests queued for operator approval")
