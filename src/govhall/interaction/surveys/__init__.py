"""意见征集、在线调查、问题与建议 — opinion solicitations, online surveys and the standing suggestions box."""
