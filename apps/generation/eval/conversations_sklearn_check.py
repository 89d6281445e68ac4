# Cross-check of the intent classifier with scikit-learn, run in a scratch venv outside the repository:
#   python3 -m venv /tmp/venv-sk && /tmp/venv-sk/bin/pip install scikit-learn
#   /tmp/venv-sk/bin/python apps/generation/eval/conversations_sklearn_check.py [eval.csv]
# Same training sentences (parsed from intent-training-set.ts), scored on the last turn of each eval row.
import csv, re, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union, make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB
import os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
src = open(f'{root}/src/domain/conversations/intent-training-set.ts').read()
X, y, intent = [], [], None
for line in src.splitlines():
    m = re.match(r"^  (\w+): \[$", line)
    if m: intent = m.group(1); continue
    m = re.match(r"^    '(.*)',$", line)
    if m and intent: X.append(m.group(1)); y.append(intent)
rows = list(csv.DictReader(open(sys.argv[1] if len(sys.argv) > 1 else f'{root}/eval/conversations.csv')))
Xt = [r['text'].split(' || ')[-1] for r in rows]; yt = [r['expected_intent'] for r in rows]
def norm(t): return re.sub(r"\d+", "0", t.lower().replace("'", '').replace('\u2019', ''))
feats = lambda: make_union(TfidfVectorizer(preprocessor=norm, ngram_range=(1, 2), sublinear_tf=True), TfidfVectorizer(preprocessor=norm, analyzer='char_wb', ngram_range=(3, 3), sublinear_tf=True))
models = {
  'tfidf(word1-2+char3)+LogisticRegression': make_pipeline(feats(), LogisticRegression(C=10, max_iter=2000)),
  'tfidf(word1-2)+LogisticRegression': make_pipeline(TfidfVectorizer(preprocessor=norm, ngram_range=(1, 2), sublinear_tf=True), LogisticRegression(C=10, max_iter=2000)),
  'tfidf(word1-2+char3)+MultinomialNB': make_pipeline(feats(), MultinomialNB(alpha=0.1)),
}
print(f'train={len(X)} eval={len(Xt)}')
for name, m in models.items():
    m.fit(X, y)
    acc = sum(p == t for p, t in zip(m.predict(Xt), yt)) / len(yt)
    print(f'{name}: intent_accuracy={acc:.3f}')
# 5-fold on the training set, folds i % 5 as in the TypeScript unit test.
for name, m in models.items():
    c = 0
    for f in range(5):
        tr = [i for i in range(len(X)) if i % 5 != f]; te = [i for i in range(len(X)) if i % 5 == f]
        m.fit([X[i] for i in tr], [y[i] for i in tr])
        c += sum(p == y[i] for p, i in zip(m.predict([X[i] for i in te]), te))
    print(f'{name}: training-set 5-fold accuracy={c / len(X):.3f}')
