"""Cross-check of `npm run eval:clv` with Python lifetimes (BetaGeoFitter, GammaGammaFitter) on the same split.

Run it from a scratch venv outside the repository, e.g.
  python3 -m venv /tmp/venv-clv && /tmp/venv-clv/bin/pip install lifetimes
  /tmp/venv-clv/bin/python apps/insights/eval/clv_lifetimes_check.py --file <transactions> --customer <col> --date <col> \
      --amount <col> --calibration-end 1997-09-30 --observation-end 1998-06-30 [--format csv|whitespace] [--date-format %Y%m%d]
Columns are header names (csv) or 1-based positions (either format), as in the eval. Purchases are counted
per day (freq='D', several rows on one day are one purchase) and time is then expressed in periods of
--period-days days, as the TypeScript eval does.
"""
import argparse

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data

p = argparse.ArgumentParser()
for name in ['file', 'customer', 'date', 'amount', 'calibration-end', 'observation-end']:
    p.add_argument(f'--{name}', required=True)
p.add_argument('--format', default='csv', choices=['csv', 'whitespace'])
p.add_argument('--date-format', default=None)
p.add_argument('--period-days', type=float, default=7.0)
a = p.parse_args()

if a.format == 'csv':
    raw = pd.read_csv(a.file, dtype=str)
else:
    raw = pd.read_csv(a.file, sep=r'\s+', header=None, dtype=str)
col = lambda c: raw.iloc[:, int(c) - 1] if c.isdigit() else raw[c]
df = pd.DataFrame({'customer': col(a.customer), 'date': pd.to_datetime(col(a.date), format=a.date_format, errors='coerce'),
                   'amount': pd.to_numeric(col(a.amount).str.replace(r'[^0-9.\-]', '', regex=True), errors='coerce').fillna(0.0)})
df = df.dropna(subset=['customer', 'date'])
df['date'] = df['date'].dt.normalize()
fmt = a.date_format
cal, obs = pd.to_datetime(a.calibration_end, format=fmt), pd.to_datetime(a.observation_end, format=fmt)
s = calibration_and_holdout_data(df, 'customer', 'date', calibration_period_end=cal, observation_period_end=obs, freq='D', monetary_value_col='amount')
for c in ['recency_cal', 'T_cal', 'duration_holdout']:
    s[c] = s[c] / a.period_days

bgf = BetaGeoFitter().fit(s['frequency_cal'], s['recency_cal'], s['T_cal'])
r, alpha, a_, b = (bgf.params_[k] for k in ['r', 'alpha', 'a', 'b'])
ll = -BetaGeoFitter._negative_log_likelihood(np.log([r, alpha, a_, b]), s['frequency_cal'].to_numpy(), s['recency_cal'].to_numpy(),
                                            s['T_cal'].to_numpy(), np.ones(len(s)), 0.0) * len(s)
print(f'BG/NBD r={r:.4f} alpha={alpha:.4f} a={a_:.4f} b={b:.4f} ll={ll:.4f}')
rep = s[(s['frequency_cal'] > 0) & (s['monetary_value_cal'] > 0)]
ggf = GammaGammaFitter().fit(rep['frequency_cal'], rep['monetary_value_cal'])
print(f"Gamma-Gamma p={ggf.params_['p']:.4f} q={ggf.params_['q']:.4f} gamma={ggf.params_['v']:.4f} on {len(rep)} customers")
horizon = s['duration_holdout'].iloc[0]
pred = np.asarray(bgf.conditional_expected_number_of_purchases_up_to_time(horizon, s['frequency_cal'], s['recency_cal'], s['T_cal']))
act = s['frequency_holdout'].to_numpy()
err = pred - act
print(f'customers={len(s)} holdout_actual={act.sum():.0f} holdout_predicted={pred.sum():.2f} '
      f'mae={np.abs(err).mean():.4f} rmse={np.sqrt((err ** 2).mean()):.4f} corr={np.corrcoef(pred, act)[0, 1]:.4f}')
