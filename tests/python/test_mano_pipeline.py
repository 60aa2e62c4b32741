#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end checks of the MANO path, run by ctest:
1. a fake MANO pickle (random MANO-shaped arrays, chumpy objects included) converts with
   handprop-convert-mano, without chumpy installed, and `handprop model info` accepts it;
2. the left-hand file gets its shapedirs x-component negated;
3. `handprop model export` of OpenHand and of the converted model, posed by the independent
   NumPy LBS in mano_lbs_reference.py, gives the same vertices, joints and keypoints as
   `handprop model pose`, within 1e-6 m, for every pose convention;
4. bad inputs give exit code 1 and one line naming the file.
Usage: test_mano_pipeline.py HANDPROP_BINARY CONVERTER_SCRIPT
"""
import json
import os
import pickle
import subprocess
import sys
import tempfile
import types

import numpy as np
import scipy.sparse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mano_lbs_reference as ref  # noqa: E402

HANDPROP, CONVERTER = sys.argv[1], sys.argv[2]
RNG = np.random.default_rng(20261121)
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def run(args, expect=0):
    result = subprocess.run(args, capture_output=True, text=True)
    check(result.returncode == expect, f"{' '.join(args)} exited {result.returncode}, expected {expect}: {result.stderr.strip()}")
    return result


def fake_chumpy_modules():
    """Registers throwaway 'chumpy.ch' / 'chumpy.reordering' modules so pickle can store objects
    under chumpy's class paths; the converter itself runs in a separate process without them."""
    ch = types.ModuleType("chumpy.ch")
    reordering = types.ModuleType("chumpy.reordering")

    class Ch:
        __module__ = "chumpy.ch"

    class Select:
        __module__ = "chumpy.reordering"

    Ch.__qualname__, Select.__qualname__ = "Ch", "Select"
    ch.Ch, reordering.Select = Ch, Select
    sys.modules["chumpy"] = types.ModuleType("chumpy")
    sys.modules["chumpy.ch"], sys.modules["chumpy.reordering"] = ch, reordering
    return Ch, Select


def fake_mano(side, v=778):
    Ch, Select = fake_chumpy_modules()
    template = np.stack([RNG.uniform(-0.08, 0.11, v), RNG.uniform(-0.05, 0.05, v), RNG.uniform(-0.02, 0.03, v)], 1)
    if side == "left":
        template[:, 0] *= -1
    shapedirs20 = RNG.normal(0, 0.002, (v, 3, 20))
    leaf = Ch()
    leaf.__dict__.update({"x": shapedirs20})
    selected = Select()  # MANO stores shapedirs as a chumpy selection of 10 of 20 betas
    selected.__dict__.update({"a": leaf, "idxs": np.arange(v * 3 * 20).reshape(v, 3, 20)[:, :, :10].ravel(),
                              "preferred_shape": (v, 3, 10)})
    jreg = np.zeros((16, v))
    for k in range(16):
        ids = RNG.choice(v, 6, replace=False)
        jreg[k, ids] = RNG.uniform(0.1, 1, 6)
    jreg /= jreg.sum(1, keepdims=True)
    weights = RNG.uniform(0, 1, (v, 16)) ** 4
    weights /= weights.sum(1, keepdims=True)
    q, _ = np.linalg.qr(RNG.normal(size=(45, 45)))
    template_ch = Ch()
    template_ch.__dict__.update({"x": template})
    return {
        "v_template": template_ch,
        "shapedirs": selected,
        "posedirs": RNG.normal(0, 0.001, (v, 3, 135)),
        "J_regressor": scipy.sparse.csc_matrix(jreg),
        "weights": weights,
        "kintree_table": np.array([[4294967295, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14], list(range(16))]),
        "f": RNG.integers(0, v, (1538, 3)).astype(np.uint32),
        "hands_components": (q * np.linspace(1.3, 0.04, 45)).T,
        "hands_mean": RNG.normal(0, 0.2, 45),
        "bs_style": "lbs",
        "bs_type": "lrotmin",
    }, shapedirs20[:, :, :10]


def pose_and_compare(model_path, tips, label):
    model = dict(np.load(model_path))
    for flat, pca in [(False, 0), (True, 0), (False, 6), (True, 12)]:
        for trial in range(3):
            pose = RNG.normal(0, 0.5, 3 + (pca or 45))
            betas, trans = RNG.normal(0, 1, 10), RNG.normal(0, 0.2, 3)
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "posed.json")
                args = [HANDPROP, "model", "pose", "--model", model_path, "--pose", ",".join(map(repr, pose)),
                        "--shape", ",".join(map(repr, betas)), "--trans", ",".join(map(repr, trans)), "--out", out]
                if flat:
                    args.append("--flat-hand-mean")
                if pca:
                    args += ["--pca", str(pca)]
                if run(args).returncode != 0:
                    continue
                with open(out) as f:
                    got = json.load(f)
            full = ref.absolute_pose(model, pose, flat, pca)
            vertices, joints, keypoints = ref.pose_hand(model, full, betas, trans, tips)
            for name, expected in [("vertices", vertices), ("joints", joints), ("keypoints", keypoints)]:
                err = np.abs(np.asarray(got[name]) - expected).max()
                check(err < 1e-6, f"{label} flat={flat} pca={pca}: {name} differ by {err:.3g} m")
            print(f"{label} flat_hand_mean={flat} pca={pca} trial {trial}: max vertex difference "
                  f"{np.abs(np.asarray(got['vertices']) - vertices).max():.2e} m")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # 1-2: convert fake right and left pickles.
        converted = {}
        for side in ("right", "left"):
            raw, shapedirs10 = fake_mano(side)
            pkl = os.path.join(tmp, f"MANO_{side.upper()}.pkl")
            with open(pkl, "wb") as f:
                pickle.dump(raw, f, protocol=2)
            out = os.path.join(tmp, f"mano_{side}.npz")
            run([CONVERTER, pkl, "--out", out])
            arrays = np.load(out)
            expected = shapedirs10.copy()
            if side == "left":
                expected[:, 0, :] *= -1
            check(np.array_equal(arrays["shapedirs"], expected), f"{side}: shapedirs not converted as expected")
            check(list(arrays["handprop_tip_vertices"]) == [744, 320, 443, 555, 672], f"{side}: FreiHAND tips expected")
            info = run([HANDPROP, "model", "info", out])
            check(f"({side} hand)" in info.stdout, f"{side}: model info does not report the side: {info.stdout[:200]}")
            converted[side] = out
        # 3: export and pose, compared with the independent NumPy LBS.
        exported = os.path.join(tmp, "openhand_export.npz")
        run([HANDPROP, "model", "export", "--model", "openhand", "--out", exported])
        tips = list(np.load(exported)["handprop_tip_vertices"])
        pose_and_compare(exported, tips, "openhand")
        pose_and_compare(converted["right"], [744, 320, 443, 555, 672], "fake-mano-right")
        # 4: bad inputs.
        garbage = os.path.join(tmp, "MANO_RIGHT_garbage.pkl")
        with open(garbage, "wb") as f:
            f.write(b"not a pickle")
        bad = run([CONVERTER, garbage, "--out", os.path.join(tmp, "x.npz")], expect=1)
        check(bad.stderr.count("\n") == 1 and garbage in bad.stderr, f"one-line error naming the file: {bad.stderr!r}")
        missing = run([HANDPROP, "model", "info", os.path.join(tmp, "missing.npz")], expect=1)
        check("missing.npz" in missing.stderr and missing.stderr.count("\n") == 1, f"missing file: {missing.stderr!r}")
        nan_pose = run([HANDPROP, "model", "pose", "--pose", "nan" + ",0" * 47, "--out", os.path.join(tmp, "p.obj")], expect=1)
        check("--pose" in nan_pose.stderr or "not finite" in nan_pose.stderr, f"NaN pose: {nan_pose.stderr!r}")
    print(f"{len(FAILURES)} failed" if FAILURES else "all MANO pipeline checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
