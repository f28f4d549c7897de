package dev.paperledge.stage.runner;

/**
 * The one retry policy for a database that is briefly away or a transaction that lost a conflict:
 * runs the work again while it fails with {@link dev.paperledge.stage.db.DatabaseTransient} (safe,
 * since every stage is idempotent and a rolled-back transaction left nothing), and lets the last
 * failure through once the policy gives up.
 */
public interface DatabaseRetry {
    void run(Runnable work);
}
