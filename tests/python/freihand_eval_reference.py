#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Independent check of `handprop eval` against FreiHAND's evaluation formulas.

The reference below uses NumPy and SciPy only and is written from reference.md §3.1-3.3 (the
official lmb-freiburg/freihand eval.py and Zimmermann's EvalUtil; for align_by_trafo, which
reference.md only cites, from eval.py's published lines 97-101), not from HandProp's C++:
  - Procrustes `align_w_scale`: centre both sets, divide each by its Frobenius norm + 1e-8,
    scipy.linalg.orthogonal_procrustes(gt_n, pred_n), scale = sum of singular values,
    aligned = (pred_n R^T) s s1 + t1, reflections allowed; keypoints and vertices aligned
    separately; a prediction whose vertex count differs from the GT's gets the keypoint
    transform through eval.py's `align_by_trafo`, literally (it does not divide by the
    keypoints' norm s2 and rotates about the vertices' own mean);
  - EvalUtil: per-point EPE averaged over samples then over points; PCK with `<=` on
    linspace(lo, hi, steps); AUC = trapz(pck, thr) / trapz(1, thr) per point, then averaged;
  - F-score: brute-force nearest neighbours, strict `<`, FreiHAND's names (its "recall" is the
    fraction of predicted points near the GT, its "precision" the fraction of GT points near
    the prediction), F = 2PR/(P+R) or 0;
  - the STB/RHD 20-50 mm protocol: root 0 + bone 0->9 scale alignment, distances in mm,
    linspace(20, 50, 15), trapz/30;
  - seed 003's (T) wrist translation and (SD) scaled depth; SD has no public formula, so it is
    the definition documented in core/eval/alignment.h (least-squares s, dz of
    s * pred + (0, 0, dz)), solved here as a generic linear least-squares problem.
It generates seeded random hands, writes them in the layouts `handprop eval` reads, runs the
binary with --out and --per-sample, and compares every number of each report (relative 1e-9,
absolute 1e-12 near zero). Any numeric field of the report it has no reference for is a failure.

Usage: freihand_eval_reference.py HANDPROP_BINARY
Exit status 0 when everything matches, 1 otherwise (each mismatch is listed).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from scipy.linalg import orthogonal_procrustes
from scipy.spatial.distance import cdist
from scipy.spatial.transform import Rotation

HANDPROP = sys.argv[1] if len(sys.argv) == 2 else sys.exit(__doc__)
RTOL, ATOL = 1e-9, 1e-12
F_THRESHOLDS = (0.005, 0.015)  # metres
NUM_HANDS, NUM_VERTS = 50, 778
ROOT, BONE = 0, 9

# ---------------------------------------------------------------- reference formulas


def align_w_scale(gt, pred, guard=1e-8):
    """FreiHAND's Procrustes. Returns the aligned prediction and the transform's pieces; eval.py
    passes (R, s, s1, t1 - t2) on to align_by_trafo. `guard` is eval.py's 1e-8 added to both
    norms (other values only to explain a mismatch)."""
    t1, t2 = gt.mean(axis=0), pred.mean(axis=0)
    s1 = np.linalg.norm(gt - t1) + guard
    s2 = np.linalg.norm(pred - t2) + guard
    gt_n, pred_n = (gt - t1) / s1, (pred - t2) / s2
    rot, s = orthogonal_procrustes(gt_n, pred_n)  # rot minimises |gt_n rot - pred_n|
    return (pred_n @ rot.T) * s * s1 + t1, {"R": rot, "s": s, "s1": s1, "s2": s2, "t1": t1, "t2": t2}


def align_by_trafo(points, trafo):
    """eval.py's use of the keypoint transform on vertices of another topology, as published:
    rotated and scaled by s * s1 (no division by s2) about their own mean, then moved by t1 - t2."""
    centre = points.mean(axis=0)
    return ((points - centre) @ trafo["R"].T) * trafo["s"] * trafo["s1"] + (trafo["t1"] - trafo["t2"]) + centre


def align_by_similarity(points, trafo):
    """Not FreiHAND's: the keypoints' similarity itself applied to the vertices. Used only to
    explain a mismatch of the align_by_trafo case."""
    return ((points - trafo["t2"]) / trafo["s2"] @ trafo["R"].T) * trafo["s"] * trafo["s1"] + trafo["t1"]


def align_root(pred, gt):
    """Seed 003 (T): the predicted wrist moved onto the GT wrist."""
    return pred - pred[ROOT] + gt[ROOT]


def align_scale_depth(pred, gt):
    """Seed 003 (SD), as alignment.h defines it: argmin over (s, dz) of |s pred + dz e_z - gt|^2."""
    design = np.stack([pred.ravel(), np.tile([0.0, 0.0, 1.0], len(pred))], axis=1)
    (s, dz), *_ = np.linalg.lstsq(design, gt.ravel(), rcond=None)
    return s * pred + np.array([0.0, 0.0, dz])


def align_root_bone_mm(pred, gt):
    """minimal-hand's root + bone-length scale alignment (reference.md §3.2), in millimetres."""
    pred, gt = pred * 1000.0, gt * 1000.0
    scale = np.linalg.norm(gt[ROOT] - gt[BONE]) / np.linalg.norm(pred[ROOT] - pred[BONE])
    return gt[ROOT] + scale * (pred - pred[ROOT]), gt


def fscores(gt, pred):
    """One (precision, recall, f) per threshold, FreiHAND's names."""
    dist = cdist(gt, pred)
    d_gt, d_pred = dist.min(axis=1), dist.min(axis=0)  # GT -> nearest pred, pred -> nearest GT
    out = []
    for th in F_THRESHOLDS:
        recall = float(np.count_nonzero(d_pred < th)) / len(d_pred)
        precision = float(np.count_nonzero(d_gt < th)) / len(d_gt)
        f = 2 * recall * precision / (recall + precision) if recall + precision > 0 else 0.0
        out.append((precision, recall, f))
    return out


class EvalUtil:
    """Zimmermann's EvalUtil: distances of each point index, collected over samples."""

    def __init__(self):
        self.rows = []

    def feed(self, gt, pred):
        self.rows.append(np.sqrt(np.sum(np.square(gt - pred), axis=1)))

    def get_measures(self, lo, hi, steps):
        data = np.stack(self.rows)  # samples x points
        thresholds = np.linspace(lo, hi, steps)
        norm = np.trapz(np.ones_like(thresholds), thresholds)
        epe, auc, curves = [], [], []
        for k in range(data.shape[1]):
            pck = np.array([np.mean(data[:, k] <= t) for t in thresholds])
            epe.append(np.mean(data[:, k]))
            auc.append(np.trapz(pck, thresholds) / norm)
            curves.append(pck)
        return np.mean(epe), np.mean(auc), np.mean(curves, axis=0), thresholds


def reference_report(preds, gts, guard=1e-8, apply_keypoint_trafo=align_by_trafo):
    """The report `handprop eval --per-sample` should write, field for field, in metres.
    HandProp's per-sample "precision" is the fraction of predicted points near the GT, i.e.
    FreiHAND's "recall" (reference.md §3.1), and vice versa."""
    xyz, xyz_al, xyz_rb, mesh, mesh_al = (EvalUtil() for _ in range(5))
    samples, f_un, f_al = [], [], []
    t_err, sd_err = [], []
    for (pk, pv), (gk, gv) in zip(preds, gts):
        kp_al, trafo = align_w_scale(gk, pk, guard)
        rb_pred_mm, gt_mm = align_root_bone_mm(pk, gk)
        xyz.feed(gk, pk)
        xyz_al.feed(gk, kp_al)
        xyz_rb.feed(gt_mm, rb_pred_mm)
        t_err.append(np.mean(np.linalg.norm(align_root(pk, gk) - gk, axis=1)))
        sd_err.append(np.mean(np.linalg.norm(align_scale_depth(pk, gk) - gk, axis=1)))
        s = {"mpjpe": xyz.rows[-1].mean(), "mpjpe_translation": t_err[-1], "mpjpe_scale_depth": sd_err[-1],
             "mpjpe_procrustes": xyz_al.rows[-1].mean(), "mpjpe_root_bone_scale": xyz_rb.rows[-1].mean() / 1000,
             "mpvpe": None, "mpvpe_procrustes": None, "fscore": [], "fscore_procrustes": []}
        if len(pv) and len(gv):
            if len(pv) == len(gv):
                v_al, _ = align_w_scale(gv, pv, guard)
                mesh.feed(gv, pv)
                mesh_al.feed(gv, v_al)
                s["mpvpe"], s["mpvpe_procrustes"] = mesh.rows[-1].mean(), mesh_al.rows[-1].mean()
            else:
                v_al = apply_keypoint_trafo(pv, trafo)
            for key, verts, sink in (("fscore", pv, f_un), ("fscore_procrustes", v_al, f_al)):
                scores = fscores(gv, verts)
                sink.append([f for _, _, f in scores])
                s[key] = [{"threshold": th, "precision": r, "recall": p, "f": f}
                          for th, (p, r, f) in zip(F_THRESHOLDS, scores)]
        samples.append(s)

    def pck(util, lo, hi, steps, unit=1.0):
        epe, auc, curve, thr = util.get_measures(lo, hi, steps)
        return epe / unit, {"thresholds": list(thr / unit), "curve": list(curve), "auc": auc}

    mpjpe, pck_un = pck(xyz, 0.0, 0.05, 100)
    mpjpe_p, pck_p = pck(xyz_al, 0.0, 0.05, 100)
    mpjpe_rb, pck_rb = pck(xyz_rb, 20.0, 50.0, 15, unit=1000.0)
    mean_or_none = lambda rows, i: float(np.mean([r[i] for r in rows])) if rows else None  # noqa: E731
    return {
        "units": "metres", "num_samples": len(preds), "num_with_vertices": len(f_un), "num_with_mpvpe": len(mesh.rows),
        "mpjpe": mpjpe, "mpjpe_translation": np.mean(t_err), "mpjpe_scale_depth": np.mean(sd_err),
        "mpjpe_procrustes": mpjpe_p, "mpjpe_root_bone_scale": mpjpe_rb,
        "mpvpe": mesh.get_measures(0, 0.05, 100)[0] if mesh.rows else None,
        "mpvpe_procrustes": mesh_al.get_measures(0, 0.05, 100)[0] if mesh.rows else None,
        "fscore": [{"threshold": th, "f": mean_or_none(f_un, i), "f_procrustes": mean_or_none(f_al, i)}
                   for i, th in enumerate(F_THRESHOLDS)],
        "pck": pck_un, "pck_procrustes": pck_p, "pck_root_bone_scale": pck_rb, "samples": samples,
    }

# ---------------------------------------------------------------- seeded inputs


def make_hands(rng):
    """GT hands (21 keypoints, 778 vertices, metres, around z = 0.5 m) and predictions: GT plus
    articulation noise under a random similarity, with a few chosen cases up front."""
    gts, preds = [], []
    for i in range(NUM_HANDS):
        wrist = rng.normal([0.0, 0.0, 0.5], 0.05)
        gk = wrist + rng.normal(0.0, 0.035, (21, 3))
        gk[ROOT] = wrist
        gv = gk[np.arange(NUM_VERTS) % 21] + rng.normal(0.0, 0.008, (NUM_VERTS, 3))
        if i == 0:  # mirrored copy (+0.3 mm noise): aligned to ~0 only because reflections are allowed
            normal = rng.normal(size=3)
            normal /= np.linalg.norm(normal)
            centre = gk.mean(axis=0)
            mirror = lambda p: p - 2 * np.outer((p - centre) @ normal, normal)  # noqa: E731
            pk, pv = mirror(gk), mirror(gv)
            pk, pv = pk + rng.normal(0, 3e-4, pk.shape), pv + rng.normal(0, 3e-4, pv.shape)
        elif i == 1:  # every error 4.9 or 5.1 mm: straddles the 5 mm F-score and PCK thresholds
            def straddle(p):
                d = rng.normal(size=p.shape)
                d /= np.linalg.norm(d, axis=1, keepdims=True)
                return p + d * np.where(np.arange(len(p)) % 2 == 0, 0.0049, 0.0051)[:, None]
            pk, pv = straddle(gk), straddle(gv)
        elif i == 2:  # shifted 10 cm: unaligned F = 0 at both thresholds (P + R = 0)
            pk, pv = gk + [0.1, 0.0, 0.0], gv + [0.1, 0.0, 0.0]
        else:
            sigma = rng.uniform(0.002, 0.012)
            noise = rng.normal(0.0, sigma, (21, 3))
            pk = gk + noise
            pv = gv + noise[np.arange(NUM_VERTS) % 21] + rng.normal(0.0, 0.002, (NUM_VERTS, 3))
            angle = np.deg2rad(rng.uniform(0, 25 if i % 5 else 180))
            axis = rng.normal(size=3)
            rot = Rotation.from_rotvec(angle * axis / np.linalg.norm(axis)).as_matrix()
            scale, shift = rng.uniform(0.85, 1.15), rng.normal(0.0, 0.01, 3)
            pk, pv = (scale * (p - wrist) @ rot.T + wrist + shift for p in (pk, pv))
        gts.append((gk, gv))
        preds.append((pk, pv))
    return preds, gts


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)  # repr floats: the binary reads back the exact doubles


def lists(hands, part):
    return [h[part].tolist() for h in hands]

# ---------------------------------------------------------------- comparison


def close(expected, got):
    return abs(expected - got) <= max(RTOL * max(abs(expected), abs(got)), ATOL)


def compare(expected, got, path, problems, checked):
    """Walks `expected`; appends (path, message) for each mismatch and records each path compared."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            problems.append((path, f"expected an object, got {got!r:.80}"))
            return
        for key, value in expected.items():
            if key not in got:
                problems.append((f"{path}.{key}", "missing from the report"))
            else:
                compare(value, got[key], f"{path}.{key}", problems, checked)
    elif isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            problems.append((path, f"expected {len(expected)} entries, got {got!r:.80}"))
            return
        for i, (e, g) in enumerate(zip(expected, got)):
            compare(e, g, f"{path}[{i}]", problems, checked)
    else:
        checked.add(path)
        number = isinstance(expected, (int, float, np.floating)) and not isinstance(expected, bool)
        if not number or isinstance(expected, int):
            if got != expected or isinstance(got, bool) != isinstance(expected, bool):
                problems.append((path, f"expected {expected!r}, got {got!r}"))
        elif isinstance(got, bool) or not isinstance(got, (int, float)):
            problems.append((path, f"expected {float(expected)!r}, got {got!r}"))
        elif not close(float(expected), float(got)):
            rel = abs(expected - got) / max(abs(expected), abs(got))
            problems.append((path, f"expected {float(expected)!r}, got {got!r} (rel. diff {rel:.2e})"))


def unchecked_numbers(got, path, checked, out):
    """Every leaf of the report that `compare` did not visit: a number with no reference."""
    if isinstance(got, dict):
        for key, value in got.items():
            unchecked_numbers(value, f"{path}.{key}", checked, out)
    elif isinstance(got, list):
        for i, value in enumerate(got):
            unchecked_numbers(value, f"{path}[{i}]", checked, out)
    elif path not in checked:
        out.append((path, f"reported ({got!r}) but has no reference value"))


def mismatches(expected, report):
    problems, checked = [], set()
    compare(expected, report, "report", problems, checked)
    unchecked_numbers(report, "report", checked, problems)
    return problems


def run_eval(args, out_path):
    cmd = [HANDPROP, "eval", *args, "--out", out_path, "--per-sample"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        return None, f"{' '.join(cmd)} exited {result.returncode}: {result.stderr.strip()}"
    with open(out_path) as f:
        return json.load(f), None


def explain(report, preds, gts):
    """Reference variants that are NOT FreiHAND's, tried only to say what a mismatch comes from."""
    variants = {
        "Procrustes without eval.py's 1e-8 added to the norms": dict(guard=0.0),
        "the keypoint similarity applied to other-topology vertices instead of align_by_trafo":
            dict(apply_keypoint_trafo=align_by_similarity),
        "both of the above": dict(guard=0.0, apply_keypoint_trafo=align_by_similarity),
    }
    for label, kwargs in variants.items():
        if not mismatches(reference_report(preds, gts, **kwargs), report):
            return f"the report matches a non-FreiHAND variant: {label}"
    return "no known variant explains it"


def check_scenario(name, args, preds, gts, out_path, failures):
    report, error = run_eval(args, out_path)
    if error:
        failures.append((name, "run", error))
        print(f"FAIL {name}: {error}")
        return report
    expected = reference_report(preds, gts)
    problems = mismatches(expected, report)
    failures += [(name, path, message) for path, message in problems]
    count = sum(1 for _ in iter_leaves(report))
    print(f"{'ok  ' if not problems else 'FAIL'} {name}: {count} values compared, {len(problems)} mismatches")
    if problems:
        for field, paths in group_by_field(problems).items():
            print(f"       {field}: {len(paths)} mismatch(es)")
        print(f"       -> {explain(report, preds, gts)}")
    return report


def iter_leaves(node):
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            yield from iter_leaves(child)
    else:
        yield node


def group_by_field(problems):
    groups = {}
    for path, _ in problems:
        groups.setdefault(re.sub(r"\[\d+\]", "[]", path), []).append(path)
    return groups


def main():
    rng = np.random.default_rng(20261121)
    preds, gts = make_hands(rng)
    no_verts = np.zeros((0, 3))
    failures = []
    with tempfile.TemporaryDirectory(prefix="freihand_eval_ref_") as tmp:
        p = lambda name: os.path.join(tmp, name)  # noqa: E731
        # 1. FreiHAND's pred.json layout on both sides.
        write_json(p("pred.json"), [lists(preds, 0), lists(preds, 1)])
        write_json(p("gt.json"), [lists(gts, 0), lists(gts, 1)])
        check_scenario("[xyz, verts] files", ["--pred", p("pred.json"), "--gt", p("gt.json")], preds, gts,
                       p("r1.json"), failures)
        # 2. HandProp's layout against a FreiHAND GT folder (evaluation_xyz.json + evaluation_verts.json).
        os.mkdir(p("gt_folder"))
        write_json(p("gt_folder/evaluation_xyz.json"), lists(gts, 0))
        write_json(p("gt_folder/evaluation_verts.json"), lists(gts, 1))
        write_json(p("pred_hp.json"), {"keypoints": lists(preds, 0), "vertices": lists(preds, 1)})
        check_scenario("{keypoints, vertices} vs GT folder", ["--pred", p("pred_hp.json"), "--gt", p("gt_folder")],
                       preds, gts, p("r2.json"), failures)
        # 3. {"xyz", "verts"} predictions; GT keypoints as N x 21 x 3 plus --gt-verts.
        write_json(p("pred_obj.json"), {"xyz": lists(preds, 0), "verts": lists(preds, 1)})
        write_json(p("gt_xyz.json"), lists(gts, 0))
        write_json(p("gt_verts.json"), lists(gts, 1))
        check_scenario("{xyz, verts} vs xyz + --gt-verts",
                       ["--pred", p("pred_obj.json"), "--gt", p("gt_xyz.json"), "--gt-verts", p("gt_verts.json")],
                       preds, gts, p("r3.json"), failures)
        # 4. Predicted meshes of another topology (700 vertices): eval.py's keypoint-transform path.
        other = [(pk, pv[:700]) for pk, pv in preds]
        write_json(p("pred_700.json"), [lists(other, 0), lists(other, 1)])
        check_scenario("700-vertex predictions", ["--pred", p("pred_700.json"), "--gt", p("gt.json")], other, gts,
                       p("r4.json"), failures)
        # 5. Keypoints only: the vertex metrics are undefined (null); FreiHAND itself needs meshes.
        kp_only = [(pk, no_verts) for pk, _ in preds]
        write_json(p("pred_kp.json"), [lists(kp_only, 0), []])
        check_scenario("keypoints only", ["--pred", p("pred_kp.json"), "--gt", p("gt.json")], kp_only,
                       [(gk, no_verts) for gk, _ in gts], p("r5.json"), failures)
        # The mirrored hand exercises the missing reflection guard: with --no-reflection its
        # Procrustes error must be far larger than FreiHAND's near-zero one.
        guarded, error = run_eval(["--pred", p("pred.json"), "--gt", p("gt.json"), "--no-reflection"], p("r6.json"))
        free = align_w_scale(gts[0][0], preds[0][0])[0]
        free = float(np.mean(np.linalg.norm(free - gts[0][0], axis=1)))
        forced = guarded["samples"][0]["mpjpe_procrustes"] if guarded else float("nan")
        print(f"mirrored hand, MPJPE (P): {1000 * free:.3f} mm with reflections (FreiHAND), "
              f"{1000 * forced:.3f} mm from handprop --no-reflection")
        if error or not (free < 1e-3 and forced > 10 * free):
            failures.append(("--no-reflection", "samples[0]", error or f"{forced!r} m, expected > 10 x {free!r} m"))
    if failures:
        print(f"\n{len(failures)} mismatch(es) with FreiHAND's formulas:")
        for name, path, message in failures:
            print(f"  [{name}] {path}: {message}")
        return 1
    print("every reported value matches FreiHAND's formulas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
