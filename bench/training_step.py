# SPDX-License-Identifier: Apache-2.0
"""The stage-3 training step of bench/training_bench.cc in Debian's python3-torch.

Same model, batch and crop size as PropagatorTrainer stage 3 (core/train/propagator_trainer.cc):
HandPredictor (ResNet-18 encoder, avg-pooled layer2 (128) + layer4 (512) features, root branch,
MANO branch, differentiable LBS of the hand model file) and PoseAligner (two antisymmetric residual
MLP heads), loss L_pred(a) + lambda L_align, one Adam (lr 5e-5) over both networks, batch B pairs
(2B crops in one forward pass). Inputs are random tensors reused every step (no decoding, which
favours Python). Every op mirrors the C++ code so that the work is the same; the parameter count and
an LBS checksum are printed for comparison with the C++ bench.

Run:  /usr/bin/python3 bench/training_step.py --model build/share/handprop/models/openhand_right.npz
Prints (parseable):
  PARAMS impl=python predictor=N aligner=N total=N
  LBSCHECK impl=python value=X
  RESULT impl=python threads=T batch_pairs=B crop=S steps=N ms_per_step=M pairs_per_s=P images_per_s=I
ms_per_step is the median of the timed steps, after --warmup untimed ones. Exit 1 on bad arguments.
"""
import argparse
import glob
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

NUM_JOINTS, NUM_BETAS, POSE_DIM = 16, 10, 48
# Keypoint k (FreiHAND order) is joint i < 16, else tip i - 16 (core/model/hand_topology.h).
KEYPOINT_SOURCE = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]


class HandLayer:
    """TorchHandLayer (core/model/lbs_torch.cc), op for op, float32 on the CPU."""

    def __init__(self, path):
        a = np.load(path)
        f = lambda x: torch.tensor(np.asarray(x, dtype=np.float64)).float()
        v = a["v_template"].shape[0]
        self.v_template = f(a["v_template"])                                # V x 3
        self.shapedirs = f(a["shapedirs"].reshape(3 * v, NUM_BETAS).T)      # 10 x 3V
        self.posedirs = f(a["posedirs"].reshape(3 * v, 135).T)              # 135 x 3V
        self.j_regressor = f(a["J_regressor"])                               # 16 x V
        self.weights = f(a["weights"])                                       # V x 16
        self.pca_components = f(a["hands_components"])                       # P x 45
        self.pca_mean = f(a["hands_mean"]).view(45)
        self.tip_vertices = torch.tensor(a["handprop_tip_vertices"], dtype=torch.long)
        self.keypoint_index = torch.tensor(KEYPOINT_SOURCE, dtype=torch.long)
        kintree = a["kintree_table"]
        self.parents = [-1 if k == 0 else int(kintree[0, k]) for k in range(NUM_JOINTS)]
        depth, self.levels = [0] * NUM_JOINTS, []
        for k in range(NUM_JOINTS):
            depth[k] = 0 if self.parents[k] < 0 else depth[self.parents[k]] + 1
            if len(self.levels) <= depth[k]:
                self.levels.append([])
            self.levels[depth[k]].append(k)

    @staticmethod
    def rodrigues(axis_angle):
        t2 = (axis_angle * axis_angle).sum(-1, keepdim=True)
        small = t2 < 1e-8
        t2_safe = torch.where(small, torch.ones_like(t2), t2)
        t_safe = torch.sqrt(t2_safe)
        a = torch.where(small, 1.0 - t2 / 6.0, torch.sin(t_safe) / t_safe).unsqueeze(-1)
        b = torch.where(small, 0.5 - t2 / 24.0, (1.0 - torch.cos(t_safe)) / t2_safe).unsqueeze(-1)
        x, y, z = axis_angle.select(-1, 0), axis_angle.select(-1, 1), axis_angle.select(-1, 2)
        zero = torch.zeros_like(x)
        k = torch.stack([zero, -z, y, z, zero, -x, -y, x, zero], -1).view(-1, 3, 3)
        eye = torch.eye(3, dtype=axis_angle.dtype).expand_as(k)
        return eye + a * k + b * torch.matmul(k, k)

    def absolute_pose(self, global_and_pca):
        p = global_and_pca.shape[1] - 3
        articulation = torch.matmul(global_and_pca[:, 3:], self.pca_components[:p]) + self.pca_mean
        return torch.cat([global_and_pca[:, :3], articulation], 1)

    def forward(self, pose, betas, trans):
        batch = pose.shape[0]
        shaped = self.v_template + torch.matmul(betas, self.shapedirs).view(batch, -1, 3)
        rest_joints = torch.matmul(self.j_regressor, shaped)
        rot = self.rodrigues(pose.reshape(batch * NUM_JOINTS, 3)).view(batch, NUM_JOINTS, 3, 3)
        feature = (rot[:, 1:] - torch.eye(3, dtype=pose.dtype)).reshape(batch, 135)
        blended = shaped + torch.matmul(feature, self.posedirs).view(batch, -1, 3)
        world_rot, world_t = [None] * NUM_JOINTS, [None] * NUM_JOINTS
        for level in self.levels:
            for k in level:
                p, jk = self.parents[k], rest_joints.select(1, k)
                if p < 0:
                    world_rot[k], world_t[k] = rot.select(1, k), jk
                else:
                    world_rot[k] = torch.matmul(world_rot[p], rot.select(1, k))
                    world_t[k] = torch.matmul(world_rot[p], (jk - rest_joints.select(1, p)).unsqueeze(-1)).squeeze(-1) \
                        + world_t[p]
        rotations, positions = torch.stack(world_rot, 1), torch.stack(world_t, 1)
        offset = positions - torch.matmul(rotations, rest_joints.unsqueeze(-1)).squeeze(-1)
        skin = torch.cat([rotations, offset.unsqueeze(-1)], -1).view(batch, NUM_JOINTS, 12)
        blend = torch.matmul(self.weights, skin).view(batch, -1, 3, 4)
        t = trans.unsqueeze(1)
        vertices = torch.matmul(blend[..., :3], blended.unsqueeze(-1)).squeeze(-1) + blend.select(-1, 3) + t
        joints = positions + t
        tips = vertices.index_select(1, self.tip_vertices)
        keypoints = torch.cat([joints, tips], 1).index_select(1, self.keypoint_index)
        return vertices, joints, keypoints

    def hand_at_root(self, root, pose, betas):
        """core/nn/rooted_hand.cc HandAtRoot: MANO with its wrist on root; returns keypoints."""
        vertices, joints, keypoints = self.forward(pose, betas, torch.zeros_like(root))
        shift = (root - joints.select(1, 0)).unsqueeze(1)
        vertices, joints = vertices + shift, joints + shift  # computed by the C++ too
        return keypoints + shift


def conv(cin, cout, kernel, stride, padding):
    c = nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding, bias=False)
    nn.init.kaiming_normal_(c.weight, mode="fan_out", nonlinearity="relu")
    return c


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1, self.bn1 = conv(cin, cout, 3, stride, 1), nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2, self.bn2 = conv(cout, cout, 3, 1, 1), nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(conv(cin, cout, 1, stride, 0), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out = out + (self.downsample(x) if self.downsample is not None else x)
        return self.relu(out)


class ResNet18(nn.Module):
    """torchvision's resnet18 without fc (core/nn/resnet18.cc), returning layer2 and layer4."""

    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = conv(3, 64, 7, 2, 3), nn.BatchNorm2d(64)
        self.relu, self.maxpool = nn.ReLU(inplace=True), nn.MaxPool2d(3, stride=2, padding=1)
        stage = lambda cin, cout, s: nn.Sequential(BasicBlock(cin, cout, s), BasicBlock(cout, cout, 1))
        self.layer1, self.layer2 = stage(64, 64, 1), stage(64, 128, 2)
        self.layer3, self.layer4 = stage(128, 256, 2), stage(256, 512, 2)

    def forward(self, x):
        l2 = self.layer2(self.layer1(self.maxpool(self.relu(self.bn1(self.conv1(x))))))
        return l2, self.layer4(self.layer3(l2))


class HandPredictor(nn.Module):
    """core/nn/hand_predictor.cc with HandPredictorOptions' defaults (15 PCA, 512/256 hidden)."""

    def __init__(self, layer, crop, num_pca=15, mano_hidden=512, root_hidden=256, dropout=0.0):
        super().__init__()
        self.layer, self.crop, self.num_pca = layer, crop, num_pca
        self.encoder = ResNet18()
        self.root_base = nn.Sequential(nn.Dropout(dropout), nn.Linear(128, root_hidden), nn.ReLU())
        self.root_out = nn.Linear(root_hidden, 3)
        self.mano_base = nn.Sequential(nn.Dropout(dropout), nn.Linear(512, mano_hidden), nn.ReLU(),
                                       nn.Dropout(dropout), nn.Linear(mano_hidden, mano_hidden), nn.ReLU())
        self.pose_reg = nn.Linear(mano_hidden, 3 + num_pca)
        self.shape_reg = nn.Linear(mano_hidden, NUM_BETAS)

    def recover_root(self, raw, k):  # core/nn/root_recovery.cc, depth 1e-3, offset 0.4, uv 0.25
        k = k.to(raw.dtype)
        fx, fy, cx, cy = k.select(1, 0), k.select(1, 1), k.select(1, 2), k.select(1, 3)
        centre, uv_scale = 0.5 * (self.crop - 1), 0.25 * self.crop
        z = fx * raw.select(1, 0) * 1e-3 + 0.4
        u = centre + uv_scale * raw.select(1, 1)
        v = centre + uv_scale * raw.select(1, 2)
        return torch.stack([(u - cx) * z / fx, (v - cy) * z / fy, z], 1)

    def forward(self, images, intrinsics):
        l2, l4 = self.encoder(images)
        low, high = l2.mean((2, 3)), l4.mean((2, 3))
        features = torch.cat([low, high], 1)
        root = self.recover_root(self.root_out(self.root_base(low)), intrinsics)
        hidden = self.mano_base(high)
        pose = self.pose_reg(hidden)
        global_rotation, pca, betas = pose[:, :3], pose[:, 3:3 + self.num_pca], self.shape_reg(hidden)
        full_pose = self.layer.absolute_pose(torch.cat([global_rotation, pca], 1))
        keypoints = self.layer.hand_at_root(root, full_pose, betas)
        return features, root, pca, betas, full_pose, keypoints


class AlignerMlp(nn.Module):
    def __init__(self, cin, hidden, blocks, cout, bias):
        super().__init__()
        self.input = nn.Linear(cin, hidden)
        self.first = nn.ModuleList(nn.Linear(hidden, hidden) for _ in range(blocks))
        self.second = nn.ModuleList(nn.Linear(hidden, hidden) for _ in range(blocks))
        self.output = nn.Linear(hidden, cout, bias=bias)

    def forward(self, x):
        h = torch.relu(self.input(x))
        for fc1, fc2 in zip(self.first, self.second):
            h = torch.relu(h + fc2(torch.relu(fc1(h))))
        return self.output(h)


class PoseAligner(nn.Module):
    """core/propagate/pose_aligner.cc with PoseAlignerOptions' defaults (antisymmetric)."""

    def __init__(self, feature_dim=640, hidden=512, blocks=2, root_scale=0.1, max_offset=1.5707963267948966):
        super().__init__()
        self.root = AlignerMlp(feature_dim, hidden, blocks, 3, False)
        self.rotation = AlignerMlp(feature_dim, hidden, blocks, POSE_DIM, False)
        self.root_scale, self.max_offset = root_scale, max_offset

    def forward(self, features_from, features_to):
        diff = features_to - features_from
        neg = -diff
        root_raw = 0.5 * (self.root(diff) - self.root(neg))
        rot_raw = 0.5 * (self.rotation(diff) - self.rotation(neg))
        return self.root_scale * root_raw, self.max_offset * torch.tanh(rot_raw)


def alignment_loss(layer, aligner, f_s, f_u, truth_s, source_u, w_f=1.0, w_b=1.0, w_r=1e-5, root_scale=0.1):
    """core/propagate/alignment_losses.cc ComputeAlignmentLoss."""
    dt_s, dp_s = aligner(f_u, f_s)
    dt_u, dp_u = aligner(f_s, f_u)
    truth_joints = layer.hand_at_root(*truth_s)
    source_joints = layer.hand_at_root(*source_u)
    forward_joints = layer.hand_at_root(source_u[0] + dt_s, source_u[1] + dp_s, source_u[2])
    backward_joints = layer.hand_at_root(truth_s[0] + dt_u, truth_s[1] + dp_u, truth_s[2])
    forward = (forward_joints - truth_joints).pow(2).mean()
    backward = (source_joints - backward_joints).pow(2).mean()
    norm = lambda rows: rows.pow(2).sum(-1).mean()
    inv = 1.0 / root_scale
    regulariser = 0.5 * (norm(dp_s) + norm(dp_u) + norm(dt_s * inv) + norm(dt_u * inv))
    return forward, backward, regulariser, w_f * forward + w_b * backward + w_r * regulariser


def lbs_check(layer):
    """A checksum of HandAtRoot on a fixed pose, printed by training_bench.cc too."""
    with torch.no_grad():
        pca = torch.cat([0.3 * torch.sin(torch.arange(3.0)), 0.5 * torch.cos(torch.arange(15.0))]).view(1, 18)
        pose = layer.absolute_pose(pca)
        betas = 0.5 * torch.sin(torch.arange(10.0) + 1.0).view(1, 10)
        keypoints = layer.hand_at_root(torch.tensor([[0.01, -0.02, 0.5]]), pose, betas)
        return float(keypoints.abs().sum())


def find_model():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates = [os.path.join(os.environ.get("HANDPROP_DATA_DIR", "/nonexistent"), "models/openhand_right.npz")]
    candidates += sorted(glob.glob(os.path.join(root, "build*/share/handprop/models/openhand_right.npz")))
    for c in candidates:
        if os.path.isfile(c):
            return c
    sys.exit("error: --model: no openhand_right.npz found (build the openhand_model target or pass --model)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="hand model .npz (default: $HANDPROP_DATA_DIR or build*/share/handprop)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--batch", type=int, default=8, help="pairs per step")
    ap.add_argument("--crop", type=int, default=128)
    args = ap.parse_args()
    if args.threads < 1 or args.steps < 1 or args.batch < 1 or args.warmup < 0 or args.crop < 32:
        ap.error("--threads, --steps, --batch must be >= 1, --warmup >= 0, --crop >= 32")
    model = args.model or find_model()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    layer = HandLayer(model)
    net, aligner = HandPredictor(layer, args.crop), PoseAligner()
    count = lambda m: sum(p.numel() for p in m.parameters())
    print(f"PARAMS impl=python predictor={count(net)} aligner={count(aligner)} total={count(net) + count(aligner)}")
    print(f"LBSCHECK impl=python value={lbs_check(layer):.6f}")
    adam = torch.optim.Adam(list(net.parameters()) + list(aligner.parameters()), lr=5e-5)
    net.train()
    aligner.train()

    b, s = args.batch, args.crop
    g = torch.Generator().manual_seed(1)
    images = torch.rand(2 * b, 3, s, s, generator=g) - 0.5
    focal = 150.0 + 50.0 * torch.rand(2 * b, 1, generator=g)
    intrinsics = torch.cat([focal, focal, 0.5 * (s - 1) + torch.randn(2 * b, 2, generator=g)], 1)
    keypoints = 0.05 * torch.randn(2 * b, 21, 3, generator=g) + torch.tensor([0.0, 0.0, 0.5])
    pose = 0.3 * torch.randn(2 * b, POSE_DIM, generator=g)
    betas = 0.5 * torch.randn(2 * b, NUM_BETAS, generator=g)
    truth_a = (keypoints[:b].select(1, 0), pose[:b], betas[:b])

    times, sink = [], 0.0
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        torch.manual_seed(step)
        adam.zero_grad()
        features, root, pca, out_betas, full_pose, out_keypoints = net(images, intrinsics)
        l_pred = 0.5 * (out_keypoints[:b] - keypoints[:b]).square().mean() + 5e-7 * out_betas[:b].square().mean() \
            + 5e-6 * pca[:b].square().mean()
        source_b = (root[b:], full_pose[b:], out_betas[b:])
        l_f, l_b, l_r, l_align = alignment_loss(layer, aligner, features[:b], features[b:], truth_a, source_b)
        total = l_pred + 1.0 * l_align
        total.backward()
        adam.step()
        sink += sum(t.item() for t in (l_pred, l_f, l_b, l_r, total))  # the trainer reads these five
        if step >= args.warmup:
            times.append(1000.0 * (time.perf_counter() - start))
    if not np.isfinite(sink):
        print("warning: the loss is not finite")
    ms = statistics.median(times)
    pairs = 1000.0 * b / ms
    print(f"RESULT impl=python threads={torch.get_num_threads()} batch_pairs={b} crop={s} steps={args.steps} "
          f"ms_per_step={ms:.2f} pairs_per_s={pairs:.3f} images_per_s={2 * pairs:.3f}")


if __name__ == "__main__":
    main()
