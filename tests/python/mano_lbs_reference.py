# SPDX-License-Identifier: Apache-2.0
"""An independent MANO linear blend skinning in NumPy, written from the equations of
docs/reference.md 1.5 and used only to check what `handprop model pose` computes. It reads a
model file in MANO's own array layout (as written by `handprop model export`), nothing else.
"""
import numpy as np

FREIHAND_FROM_JOINTS_AND_TIPS = [0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20]


def rodrigues(aa):
    angle = np.linalg.norm(aa)
    if angle < 1e-12:
        k = np.array([[0, -aa[2], aa[1]], [aa[2], 0, -aa[0]], [-aa[1], aa[0], 0]])
        return np.eye(3) + k
    axis = aa / angle
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * (k @ k)


def absolute_pose(model, pose, flat_hand_mean=False, num_pca=0):
    pose = np.asarray(pose, dtype=np.float64)
    if num_pca:
        articulation = pose[3:] @ model["hands_components"][:num_pca]
    else:
        articulation = pose[3:].copy()
    if not flat_hand_mean:
        articulation = articulation + model["hands_mean"]
    return np.concatenate([pose[:3], articulation])


def pose_hand(model, full_pose, betas, trans, tips):
    """full_pose: 48 absolute axis-angles. Returns (vertices V x 3, joints 16 x 3, keypoints 21 x 3)."""
    parents = model["kintree_table"][0].astype(np.int64)
    parents[0] = -1
    v_shaped = model["v_template"] + np.einsum("vcl,l->vc", model["shapedirs"], betas)
    joints = model["J_regressor"] @ v_shaped
    rots = [rodrigues(full_pose[3 * k:3 * k + 3]) for k in range(16)]
    feature = np.concatenate([(rots[k] - np.eye(3)).ravel() for k in range(1, 16)])
    v_posed = v_shaped + np.einsum("vcp,p->vc", model["posedirs"], feature)
    world = [None] * 16
    for k in range(16):
        local = np.eye(4)
        local[:3, :3] = rots[k]
        local[:3, 3] = joints[k] if parents[k] < 0 else joints[k] - joints[parents[k]]
        world[k] = local if parents[k] < 0 else world[parents[k]] @ local
    posed_joints = np.stack([g[:3, 3] for g in world])
    skin = []
    for k in range(16):
        a = world[k].copy()
        a[:3, 3] -= world[k][:3, :3] @ joints[k]
        skin.append(a)
    skin = np.stack(skin)  # 16 x 4 x 4
    blended = np.einsum("vk,kij->vij", model["weights"], skin)
    homogeneous = np.concatenate([v_posed, np.ones((v_posed.shape[0], 1))], axis=1)
    vertices = np.einsum("vij,vj->vi", blended, homogeneous)[:, :3] + trans
    posed_joints = posed_joints + trans
    keypoints = np.concatenate([posed_joints, vertices[tips]])[FREIHAND_FROM_JOINTS_AND_TIPS]
    return vertices, posed_joints, keypoints
