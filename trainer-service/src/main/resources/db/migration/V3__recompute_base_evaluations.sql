-- Accuracy became the mean accuracy component (the IoU for boxes) instead of the share of answers scored
-- exactly 1. Base evaluations cached under the old definition would give a job a step 0 that does not
-- compare with its later evaluations; dropping them makes the next job recompute each one once.
DELETE FROM base_evaluation;
