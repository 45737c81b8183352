package org.gridcase.casefile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gridcase.support.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the intake of every case kind starts a case: once per {@code externalId}. The start (case row, tracking number,
 * process) runs in one transaction of its own. An {@code externalId} used before answers the earlier case, but only
 * when the request is the same (its fingerprint) and the caller may read that case; otherwise 409, without the
 * case's data. Two starts of one id at once: the unique key lets one commit, the other's transaction is rolled back
 * entirely, and it answers the winner's case, outside that transaction.
 */
@Service
public class CaseStarts {

    private static final Logger log = LoggerFactory.getLogger(CaseStarts.class);

    private final Cases cases;
    private final CaseAccess access;
    private final TransactionTemplate transactions;

    CaseStarts(Cases cases, CaseAccess access, PlatformTransactionManager transactionManager) {
        this.cases = cases;
        this.access = access;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Starts the case with {@code start}, or answers the earlier case of the same external id with {@code earlier}.
     */
    public <T> T once(NewCase validated, CaseAccess.Caller caller, Supplier<T> start, Function<CaseFile, T> earlier) {
        if (validated.externalId() == null) {
            return transactions.execute(status -> start.get());
        }
        Optional<CaseFile> before = cases.findByExternalId(validated.externalId());
        if (before.isPresent()) {
            return earlier.apply(sameRequest(before.get(), validated, caller));
        }
        try {
            return transactions.execute(status -> start.get());
        } catch (DataIntegrityViolationException raced) {
            CaseFile winner = cases.findByExternalId(validated.externalId()).orElseThrow(() -> raced);
            log.info("Case with external id {} raced another intake of it: answering {}", validated.externalId(),
                    winner.getTrackingNumber());
            return earlier.apply(sameRequest(winner, validated, caller));
        }
    }

    private CaseFile sameRequest(CaseFile earlier, NewCase validated, CaseAccess.Caller caller) {
        boolean same = earlier.getExternalFingerprint() == null
                || earlier.getExternalFingerprint().equals(validated.externalFingerprint());
        if (!same || !access.mayRead(caller, earlier)) {
            throw new ConflictException("externalId", "外部编号 " + validated.externalId()
                    + " 已用于另一件案件，不能重复使用；同一案件重发须内容完全一致");
        }
        return earlier;
    }

    /**
     * SHA-256 of a request as its intake normalised it (trimmed, codes upper-case, defaults filled in), so a resend
     * that differs only in spaces or the letter case of a code is the same request.
     */
    public static String fingerprint(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part == null ? "\u0000" : part.toString()).append('\u001F');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
