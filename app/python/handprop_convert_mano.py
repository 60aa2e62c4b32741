#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Convert your own licensed MANO model (MANO_RIGHT.pkl / MANO_LEFT.pkl) into HandProp's model file.

The output is a NumPy .npz with MANO's own array names (v_template, shapedirs V x 3 x 10,
posedirs V x 3 x 135, J_regressor dense, weights, kintree_table, f, hands_components,
hands_mean) plus HandProp's extras (handprop_meta, handprop_tip_vertices). See
docs/hand-model-format.md.

Needs only Python 3 with Debian's numpy and scipy (python3-numpy, python3-scipy): the chumpy
objects inside the pickle are read by a small stand-in, chumpy itself is not needed.

The MANO licence forbids redistribution: keep the converted file to yourself and never commit it.

    handprop-convert-mano MANO_RIGHT.pkl --out mano_right.npz
    handprop-convert-mano MANO_LEFT.pkl --out mano_left.npz    # applies the left shapedirs fix
"""
import argparse
import io
import json
import os
import pickle
import sys

import numpy as np

# Fingertip vertex sets, thumb..pinky (docs/reference.md 1.3). FreiHAND's reproduces the
# FreiHAND/HanCo xyz ground truth and is the default.
TIP_SETS = {
    "freihand": [744, 320, 443, 555, 672],
    "manopth": [745, 317, 444, 556, 673],
    "smplx": [744, 320, 443, 554, 671],
}
MANO_PARENTS = [-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14]
FORMAT_VERSION = 1


class ConversionError(Exception):
    """A problem with the input file; printed as one line naming the file."""


class _ChumpyNode:
    """Stand-in for any chumpy class: keeps the unpickled attribute dict."""

    def __setstate__(self, state):
        self.__dict__.update(state)


def _chumpy_value(node, origin, depth=0):
    """Evaluates the few chumpy node kinds MANO's pickles use into a NumPy array."""
    if depth > 50:
        raise ConversionError(f"{origin}: chumpy graph too deep")
    if not isinstance(node, _ChumpyNode):
        return np.asarray(node.toarray() if hasattr(node, "toarray") else node)
    kind = type(node).__name__
    state = node.__dict__
    if "x" in state and kind in ("Ch", "_ChumpyNode"):
        return np.asarray(state["x"], dtype=np.float64)
    if kind == "Select":
        inner = _chumpy_value(state["a"], origin, depth + 1).ravel()[np.asarray(state["idxs"])]
        return inner.reshape(state["preferred_shape"]) if "preferred_shape" in state else inner
    if kind == "Reshape":
        return _chumpy_value(state["a"], origin, depth + 1).reshape(state["newshape"])
    if "x" in state:
        return np.asarray(state["x"], dtype=np.float64)
    raise ConversionError(f"{origin}: unsupported chumpy node '{kind}' in the model")


class _ManoUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.split(".")[0] == "chumpy":
            return type(name, (_ChumpyNode,), {})
        return super().find_class(module, name)


def load_mano_pickle(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ConversionError(f"{path}: cannot open file ({e.strerror})")
    try:
        raw = _ManoUnpickler(io.BytesIO(data), encoding="latin1").load()
    except Exception as e:  # pickle raises many kinds; all mean the same thing here
        raise ConversionError(f"{path}: not a readable MANO pickle ({type(e).__name__}: {e})")
    if not isinstance(raw, dict):
        raise ConversionError(f"{path}: expected a dict of arrays, found {type(raw).__name__}")
    return raw


def _array(raw, key, path):
    if key not in raw:
        raise ConversionError(f"{path}: missing '{key}'")
    value = _chumpy_value(raw[key], f"{path}:{key}")
    return np.ascontiguousarray(value)


def convert(raw, path, side, tips):
    v_template = _array(raw, "v_template", path).astype(np.float64)
    if v_template.ndim != 2 or v_template.shape[1] != 3:
        raise ConversionError(f"{path}: v_template has shape {v_template.shape}, expected (V, 3)")
    v = v_template.shape[0]
    shapedirs = _array(raw, "shapedirs", path).astype(np.float64)
    if shapedirs.ndim != 3 or shapedirs.shape[:2] != (v, 3) or shapedirs.shape[2] < 10:
        raise ConversionError(f"{path}: shapedirs has shape {shapedirs.shape}, expected ({v}, 3, >=10)")
    shapedirs = np.ascontiguousarray(shapedirs[:, :, :10])
    if side == "left":
        # MANO's left file has un-mirrored shapedirs (reference.md 1.7): negate x.
        shapedirs[:, 0, :] *= -1.0
    out = {
        "v_template": v_template,
        "shapedirs": shapedirs,
        "posedirs": _array(raw, "posedirs", path).astype(np.float64),
        "J_regressor": _array(raw, "J_regressor", path).astype(np.float64),
        "weights": _array(raw, "weights", path).astype(np.float64),
        "f": _array(raw, "f", path).astype(np.uint32),
        "hands_components": _array(raw, "hands_components", path).astype(np.float64),
        "hands_mean": _array(raw, "hands_mean", path).astype(np.float64).reshape(-1),
    }
    kintree = _array(raw, "kintree_table", path).astype(np.int64)
    expected = {"posedirs": (v, 3, 135), "J_regressor": (16, v), "weights": (v, 16), "hands_mean": (45,)}
    for key, shape in expected.items():
        if out[key].shape != shape:
            raise ConversionError(f"{path}: {key} has shape {out[key].shape}, expected {shape}")
    if out["f"].ndim != 2 or out["f"].shape[1] != 3 or out["f"].max() >= v:
        raise ConversionError(f"{path}: f must be (F, 3) vertex ids below {v}")
    if out["hands_components"].ndim != 2 or out["hands_components"].shape[1] != 45:
        raise ConversionError(f"{path}: hands_components has shape {out['hands_components'].shape}, expected (P, 45)")
    if kintree.shape != (2, 16):
        raise ConversionError(f"{path}: kintree_table has shape {kintree.shape}, expected (2, 16)")
    parents = [-1 if (p < 0 or p >= 16) else int(p) for p in kintree[0]]
    if parents != MANO_PARENTS:
        raise ConversionError(f"{path}: kintree_table parents {parents} differ from MANO's")
    out["kintree_table"] = kintree
    for key, value in out.items():
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise ConversionError(f"{path}: {key} has non-finite values")
    for key in ("J_regressor", "weights"):
        sums = out[key].sum(axis=1)
        worst = int(np.argmax(np.abs(sums - 1.0)))
        if abs(sums[worst] - 1.0) > 1e-4:
            raise ConversionError(f"{path}: {key} row {worst} sums to {sums[worst]:.6g}, expected 1")
    if max(tips) >= v:
        raise ConversionError(f"{path}: fingertip vertex {max(tips)} does not exist ({v} vertices)")
    out["handprop_tip_vertices"] = np.asarray(tips, dtype=np.int64)
    meta = {"format": "handprop-hand-model", "version": FORMAT_VERSION, "name": "mano", "side": side,
            "source": f"converted from {os.path.basename(path)} by handprop-convert-mano", "shape_directions": []}
    out["handprop_meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    return out


def save_atomically(out_path, arrays):
    tmp = f"{out_path}.tmp-{os.getpid()}.npz"
    try:
        np.savez(tmp, **arrays)
        os.replace(tmp, out_path)
    except OSError as e:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise ConversionError(f"{out_path}: cannot write ({e.strerror})")


def guess_side(path):
    name = os.path.basename(path).upper()
    if "LEFT" in name:
        return "left"
    if "RIGHT" in name:
        return "right"
    raise ConversionError(f"{path}: cannot tell the hand side from the name; pass --side right|left")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pkl", help="your MANO_RIGHT.pkl or MANO_LEFT.pkl")
    parser.add_argument("--out", "-o", required=True, help="output .npz")
    parser.add_argument("--side", choices=["auto", "right", "left"], default="auto",
                        help="hand side (default: from the file name)")
    parser.add_argument("--tips", default="freihand",
                        help="fingertip vertex set: freihand (default), manopth, smplx, or 5 comma-separated ids")
    args = parser.parse_args(argv)
    try:
        if not args.out.endswith(".npz"):
            raise ConversionError(f"{args.out}: output must end in .npz")
        side = guess_side(args.pkl) if args.side == "auto" else args.side
        if args.tips in TIP_SETS:
            tips = list(TIP_SETS[args.tips])
            if args.tips == "manopth" and side == "left":
                tips[2] = 445  # manopth's left middle tip differs (reference.md 1.3)
        else:
            try:
                tips = [int(t) for t in args.tips.split(",")]
            except ValueError:
                raise ConversionError(f"--tips: '{args.tips}' is neither a known set nor 5 integers")
            if len(tips) != 5:
                raise ConversionError(f"--tips: expected 5 vertex ids, got {len(tips)}")
        arrays = convert(load_mano_pickle(args.pkl), args.pkl, side, tips)
        save_atomically(args.out, arrays)
    except ConversionError as e:
        print(f"handprop-convert-mano: {e}", file=sys.stderr)
        return 1
    v = arrays["v_template"].shape[0]
    print(f"wrote {args.out}: MANO {side} hand, {v} vertices, {arrays['f'].shape[0]} faces, "
          f"{arrays['hands_components'].shape[0]} PCA components, tips {tips}")
    print("The MANO licence applies to this file: keep it private and never commit it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
