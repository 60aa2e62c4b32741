#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Probes what a propagator's encoder features know about the motion between key frames.

Reads the .npz of bench/feature_probe and prints three Markdown tables (keypoint errors in mm):
  1. the methods it holds, as the propagation table scores them (a check of the dump);
  2. how well the aligner's correction of the interpolation (ungated blend - interpolation)
     correlates with the true correction (truth - interpolation), for the wrist and for the
     finger keypoints relative to it;
  3. a linear probe: ridge regression from the features' deviation from their own interpolation,
     f(t) - ((1 - s) f(a) + s f(b)), to the true correction, fitted on the ground truth of the
     unlabelled frames of the first 3/4 of the training sequences (labels no training run has),
     scored on those frames, on the other training sequences and on the test videos. If even this
     oracle does not beat interpolation on sequences it was not fitted on, no head trained on
     these features can.

  python3 bench/feature_probe.py probe.npz [--lambdas 0.1 1 10 100]
Needs only NumPy (Debian: python3-numpy).
"""
import argparse

import numpy as np


def mpjpe(x, truth):
    return np.linalg.norm(x - truth, axis=2).mean(1) * 1000.0


def split_rows(d):
    """Row masks: training sequences fitted on, training sequences held out, test videos."""
    train = d["test"] == 0
    sequences = np.unique(d["sequence"][train])
    held = np.isin(d["sequence"], sequences[len(sequences) * 3 // 4:]) & train
    return {"fit (train, 3/4 of sequences)": train & ~held, "held-out train sequences": held,
            "test videos": d["test"] == 1}


def correction(x, interpolation):
    """Wrist correction (3) and finger corrections relative to the wrist (60), per row."""
    c = x - interpolation
    return np.concatenate([c[:, 0], (c[:, 1:] - c[:, :1]).reshape(len(c), -1)], 1)


def corrected(interpolation, y):
    wrist = interpolation[:, 0] + y[:, :3]
    fingers = interpolation[:, 1:] - interpolation[:, :1] + y[:, 3:].reshape(-1, 20, 3)
    return np.concatenate([wrist[:, None], wrist[:, None] + fingers], 1)


def feature_deviation(d):
    """f(t) minus the interpolation of the key frames' features, one row per unlabelled frame."""
    index = {(v, f): i for i, (v, f) in enumerate(zip(d["feature_video"], d["feature_frame"]))}
    feats = d["features"]
    s = ((d["frame"] - d["previous_key"]) / (d["next_key"] - d["previous_key"]))[:, None].astype(np.float32)
    at = lambda frames: feats[[index[(v, f)] for v, f in zip(d["video"], frames)]]
    return at(d["frame"]) - ((1 - s) * at(d["previous_key"]) + s * at(d["next_key"]))


def correlation(a, b):
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("npz")
    parser.add_argument("--lambdas", type=float, nargs="+", default=[0.1, 1.0, 10.0, 100.0])
    args = parser.parse_args()
    d = dict(np.load(args.npz))
    rows = split_rows(d)
    gesture = d["in_gesture"] == 1
    truth, interpolation = d["truth"], d["interpolation"]
    print(f"{args.npz}: {len(truth)} frames between key frames, features {d['features'].shape[1]}-d\n")

    print("| rows | frames (in gestures) | interpolation | from previous key | from next key | ungated blend |")
    print("|---|---|---|---|---|---|")
    for name, m in rows.items():
        cells = [f"{mpjpe(d[k][m], truth[m]).mean():.2f} / {mpjpe(d[k][m & gesture], truth[m & gesture]).mean():.2f}"
                 for k in ("interpolation", "from_previous", "from_next", "bidirectional")]
        print(f"| {name} | {m.sum()} ({(m & gesture).sum()}) | " + " | ".join(cells) + " |")
    print("\n(MPJPE, all frames / inside gestures)\n")

    aligned, true = correction(d["bidirectional"], interpolation), correction(truth, interpolation)
    print("| rows | wrist correlation | finger correlation | finger correlation in gestures |")
    print("|---|---|---|---|")
    for name, m in rows.items():
        g = m & gesture
        print(f"| {name} | {correlation(aligned[m, :3], true[m, :3]):.3f} | {correlation(aligned[m, 3:], true[m, 3:]):.3f}"
              f" | {correlation(aligned[g, 3:], true[g, 3:]):.3f} |")
    print("\n(aligner's correction of the interpolation against the true correction)\n")

    phi = feature_deviation(d)
    fit = rows["fit (train, 3/4 of sequences)"]
    scale = phi[fit].std(0) + 1e-6
    x = phi[fit] / scale
    gram, rhs = (x.T @ x).astype(np.float64), x.T @ true[fit].astype(np.float32)
    names = list(rows)
    print("| ridge lambda | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    print("| interpolation | " + " | ".join(
        f"{mpjpe(interpolation[m], truth[m]).mean():.2f} / {mpjpe(interpolation[m & gesture], truth[m & gesture]).mean():.2f}"
        for m in rows.values()) + " |")
    for lam in args.lambdas:
        w = np.linalg.solve(gram + lam * fit.sum() * np.eye(len(gram)), rhs).astype(np.float32)
        cells = []
        for m in rows.values():
            e = mpjpe(corrected(interpolation[m], (phi[m] / scale) @ w), truth[m])
            cells.append(f"{e.mean():.2f} / {e[gesture[m]].mean():.2f}")
        print(f"| {lam:g} | " + " | ".join(cells) + " |")
    print("\n(linear probe on the true correction: MPJPE, all frames / inside gestures)")


if __name__ == "__main__":
    main()
