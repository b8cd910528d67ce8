"""The layout of the cooperation network: Japanese actors in the left column, European ones in the
right, cooperations as lines between them, ordered so that fewer lines cross."""

REGION_COLOURS = {"Japan": "#c0392b", "Europe": "#1f5fa8"}
ROW, TOP, WIDTH, MARGIN = 34, 40, 1300, 430


def network_layout(pairs: list[dict], link) -> dict:
    """`pairs`: one dict per (cooperation, Japanese partner, European partner) with the IRIs (c, j, e),
    English labels (cl, jl, el) and sectors text; `link(iri)` is where a node or line leads. Returns
    nodes, edges and the drawing's size."""
    japanese, european = ordered_columns(pairs)
    height = TOP * 2 + ROW * max(len(japanese), len(european), 1)

    def place(items, x, region):
        step = (height - 2 * TOP) / max(len(items), 1)
        return {iri: {"iri": iri, "label": label, "short": label if len(label) <= 46 else label[:45] + "…", "x": x,
                      "y": round(TOP + step * (i + 0.5), 1), "region": region, "colour": REGION_COLOURS[region],
                      "link": link(iri)} for i, (iri, label) in enumerate(items)}
    nodes = {**place(japanese, MARGIN, "Japan"), **place(european, WIDTH - MARGIN, "Europe")}
    edges = [{"x1": nodes[p["j"]]["x"], "y1": nodes[p["j"]]["y"], "x2": nodes[p["e"]]["x"], "y2": nodes[p["e"]]["y"],
              "label": p["cl"], "sectors": p["sectors"], "link": link(p["c"])} for p in pairs]
    return {"nodes": list(nodes.values()), "edges": edges, "width": WIDTH, "height": height,
            "left": MARGIN, "right": WIDTH - MARGIN, "cooperations": len({p["c"] for p in pairs}),
            "japanese": len(japanese), "european": len(european)}


def ordered_columns(pairs: list[dict]):
    """Japanese and European actors as (iri, label), each column ordered by the mean position of its
    partners (two barycentre passes), so that fewer cooperation lines cross."""
    links = [(p["j"], p["e"]) for p in pairs]
    names = {p["j"]: p["jl"] for p in pairs} | {p["e"]: p["el"] for p in pairs}
    left = sorted({j for j, _ in links}, key=lambda i: names[i].casefold())
    right = sorted({e for _, e in links}, key=lambda i: names[i].casefold())
    for _ in range(2):
        position = {iri: n for n, iri in enumerate(left)}
        right.sort(key=lambda e: sum(position[j] for j, x in links if x == e) / sum(1 for _, x in links if x == e))
        position = {iri: n for n, iri in enumerate(right)}
        left.sort(key=lambda j: sum(position[e] for x, e in links if x == j) / sum(1 for x, _ in links if x == j))
    return [(i, names[i]) for i in left], [(i, names[i]) for i in right]
