"""A generated class of submissions for vnetdiag grade.

Each submission is the seed's VMware NAT capture (host ayla: ifconfig + syslog; guest creb:
route -n) with at most one mistake: the guest's gateway set to the host's .1, its default route
removed, its netmask widened to /16, the guest's folder left out, one of the other seed
configurations handed in instead, an empty folder, or the same folder zipped."""
import os, random, re, shutil

KINDS = ["ok", "ok", "ok", "gateway", "noroute", "mask", "noguest", "othermode", "empty", "zip"]
OTHER_MODES = ["vmware-hostonly", "vmware-bridged", "xen-route"]


def copy_seed(seed, name, target):
    shutil.copytree(os.path.join(seed, name), target, ignore=shutil.ignore_patterns("expected.yaml"))


def edit(path, old, new):
    with open(path) as handle:
        text = handle.read()
    with open(path, "w") as handle:
        handle.write(re.sub(old, new, text, flags=re.M))


def make_submission(seed, folder, index, rng):
    target = os.path.join(folder, "alumno%04d" % index)
    kind = rng.choice(KINDS)
    if kind == "empty":
        os.makedirs(target)
        return
    if kind == "othermode":
        copy_seed(seed, rng.choice(OTHER_MODES), target)
        return
    copy_seed(seed, "vmware-nat", target)
    route = os.path.join(target, "creb", "route-n.txt")
    if kind == "gateway":
        edit(route, r"172\.16\.62\.2 ", "172.16.62.1 ")
    elif kind == "noroute":
        edit(route, r"^0\.0\.0\.0 .*\n?", "")
    elif kind == "mask":
        edit(route, r"255\.255\.255\.0", "255.255.0.0")
    elif kind == "noguest":
        shutil.rmtree(os.path.join(target, "creb"))
    if kind == "zip":
        shutil.make_archive(target, "zip", target)
        shutil.rmtree(target)


def write_class(root, folder, submissions):
    """Replaces folder with `submissions` generated submissions (the same ones for the same count)."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    rng = random.Random(7)
    seed = os.path.join(root, "Fixtures", "seed")
    for index in range(submissions):
        make_submission(seed, folder, index, rng)
