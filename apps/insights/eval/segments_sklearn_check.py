"""Cross-check of clusterCustomers with scikit-learn, on the file segments-check.ts writes with --out.

  /tmp/venv-x/bin/pip install scikit-learn pandas
  /tmp/venv-x/bin/python apps/insights/eval/segments_sklearn_check.py /tmp/segments.csv
Prints scikit-learn's silhouette of our segments (full data), KMeans (k-means++, n_init=4, seed 42) silhouettes for
k = 2..8 on the same standardised features, its best k, and the adjusted Rand index between its labels and ours.
"""
import sys

import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

d = pd.read_csv(sys.argv[1])
X, ours = d.drop(columns='segment').to_numpy(), d['segment'].to_numpy()
print(f'silhouette of our segments (sklearn, full data): {silhouette_score(X, ours):.4f}')
labels = {k: KMeans(k, init='k-means++', n_init=4, random_state=42).fit(X).labels_ for k in range(2, 9)}
scores = {k: silhouette_score(X, l) for k, l in labels.items()}
print('sklearn KMeans silhouettes: ' + ' '.join(f'k={k}:{s:.4f}' for k, s in scores.items()))
k = len(set(ours))
print(f'sklearn best k={max(scores, key=scores.get)}; ours k={k}; adjusted Rand index at k={k}: {adjusted_rand_score(ours, labels[k]):.4f}')
