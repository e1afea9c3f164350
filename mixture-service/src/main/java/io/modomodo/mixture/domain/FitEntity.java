package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/** A fitted surrogate with its quality, coefficients (JSON) and the ids of the runs it saw (JSON array). */
@Entity
@Table(name = "fit")
public class FitEntity {

    @Id
    private UUID id;

    @Column(name = "study_id", nullable = false)
    private UUID studyId;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private int folds;

    @Column(nullable = false)
    private int n;

    @Column(nullable = false)
    private double penalty;

    @Column(name = "cv_r2", nullable = false)
    private double cvR2;

    @Column(name = "cv_rmse", nullable = false)
    private double cvRmse;

    @Column(name = "cv_spearman", nullable = false)
    private double cvSpearman;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String coefficients;

    @Column(name = "run_ids", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String runIds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FitEntity() {
    }

    public FitEntity(UUID id, UUID studyId, String model, int folds, int n, double penalty, double cvR2,
            double cvRmse, double cvSpearman, String coefficientsJson, String runIdsJson, Instant createdAt) {
        this.id = id;
        this.studyId = studyId;
        this.model = model;
        this.folds = folds;
        this.n = n;
        this.penalty = penalty;
        this.cvR2 = cvR2;
        this.cvRmse = cvRmse;
        this.cvSpearman = cvSpearman;
        this.coefficients = coefficientsJson;
        this.runIds = runIdsJson;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getStudyId() {
        return studyId;
    }

    public String getModel() {
        return model;
    }

    public int getFolds() {
        return folds;
    }

    public int getN() {
        return n;
    }

    public double getPenalty() {
        return penalty;
    }

    public double getCvR2() {
        return cvR2;
    }

    public double getCvRmse() {
        return cvRmse;
    }

    public double getCvSpearman() {
        return cvSpearman;
    }

    public String getCoefficientsJson() {
        return coefficients;
    }

    public String getRunIdsJson() {
        return runIds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
