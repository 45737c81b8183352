package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.gridcase.registry.Registry;
import org.gridcase.support.ConflictException;
import org.gridcase.support.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the intake of every case kind starts a case ({@link #start}): the case row with the kind's tracking-number
 * prefix, the kind's own rows, the start variables every case process reads, the process with the tracking number
 * as business key; once per {@code externalId}. The start (case row, tracking number,
 * process) runs in one transaction of its own. An {@code externalId} used before answers the earlier case, but only
 * when the request is the same (its fingerprint) and the caller may read that case; otherwise 409, without the
 * case's data. Two starts of one id at once: the unique key lets one commit, the other's transaction is rolled back
 * entirely, and it answers the winner's case, outside that transaction. (The tracking number is no longer what
 * makes them wait for each other: the loser waits on the winner's uncommitted {@code external_id} key, and when H2
 * gives up waiting first, it looks for the winner's case again and, not finding it yet, starts again.)
 */
@Service
public class CaseStarts {

    private static final Logger log = LoggerFactory.getLogger(CaseStarts.class);
    /** Starts of one externalId tried while another intake of it holds its key (see {@link #once}). */
    private static final int LOCKED_ATTEMPTS = 3;

    private final Cases cases;
    private final CaseAccess access;
    private final Registry registry;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transactions;
    private final TrackingNumbers numbers;

    CaseStarts(Cases cases, CaseAccess access, Registry registry, RuntimeService runtimeService,
            PlatformTransactionManager transactionManager, TrackingNumbers numbers) {
        this.cases = cases;
        this.numbers = numbers;
        this.access = access;
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The registered case, and whether this call created it (false: the same externalId came before). */
    public record Started(CaseFile file, boolean created, ProcessInstance process) {
    }

    /**
     * Registers the case and starts the kind's process, or answers the case registered before under the same
     * {@code externalId}. {@code kindStart} runs inside the start's transaction once the case row exists: it saves
     * the kind's own rows and returns the kind's start variables (they may replace the shared ones, e.g.
     * {@code categoryName}).
     */
    public Started start(CaseKindDefinition kind, NewCase validated, CaseAccess.Caller caller, String timelineNote,
            Function<CaseFile, Map<String, Object>> kindStart) {
        return once(validated, caller, () -> {
            String number = Cases.nextTrackingNumber(numbers, kind);
            return transactions.execute(status -> begin(kind, number, validated, caller, timelineNote, kindStart));
        }, earlier -> new Started(earlier, false, null));
    }

    private Started begin(CaseKindDefinition kind, String number, NewCase validated, CaseAccess.Caller caller,
            String timelineNote, Function<CaseFile, Map<String, Object>> kindStart) {
        CaseFile file = cases.open(kind, number, validated, caller.login(), timelineNote);
        VariableMap variables = startVariables(kind, file);
        variables.putAll(kindStart.apply(file));
        ProcessInstance process = runtimeService.startProcessInstanceByKey(kind.processId(),
                file.getTrackingNumber(), variables);
        cases.linkProcess(file.getTrackingNumber(), process.getId());
        log.info("Case {} started as {} process instance {}", file.getTrackingNumber(), kind.processId(),
                process.getId());
        return new Started(cases.find(file.getTrackingNumber()).orElseThrow(), true, process);
    }

    private VariableMap startVariables(CaseKindDefinition kind, CaseFile file) {
        String gridName = file.getGridCode() == null ? null
                : registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(null);
        return Variables.createVariables()
                .putValue(TRACKING_NUMBER, file.getTrackingNumber())
                .putValue(KIND, kind.kind().name())
                .putValue(CATEGORY, file.getCategory())
                .putValue(CATEGORY_NAME, file.getCategory())
                .putValue(URGENCY, file.getUrgency().name())
                .putValue(DESCRIPTION, engineText(file.getDescription()))
                .putValue(ADDRESS, place(file))
                .putValue(GRID_CODE, file.getGridCode())
                .putValue(GRID_NAME, gridName)
                .putValue(REPORTER_NAME, engineText(file.getReporterName()))
                .putValue(REPORTER_PHONE, file.getReporterPhone())
                .putValue(PRIORITY, NORMAL_PRIORITY)
                .putValue(SUPERVISED, false)
                .putValue(ESCALATION_LEVEL, 0)
                .putValue(REOPEN_COUNT, 0)
                .putValue(SUPERVISION_DUE_AT, null)
                .putValue(SIGNOFF_REASON, null)
                .putValue(SATISFACTION, null)
                .putValue(CALLBACK_GROUP, kind.callbackGroup());
    }

    /**
     * Starts the case with {@code start} (which runs its own transaction: the tracking number is taken before it), or
     * answers the earlier case of the same external id with {@code earlier}.
     */
    public <T> T once(NewCase validated, CaseAccess.Caller caller, Supplier<T> start, Function<CaseFile, T> earlier) {
        if (validated.externalId() == null) {
            return start.get();
        }
        Optional<CaseFile> before = cases.findByExternalId(validated.externalId());
        if (before.isPresent()) {
            return earlier.apply(sameRequest(before.get(), validated, caller));
        }
        for (int attempt = 1;; attempt++) {
            try {
                return start.get();
            } catch (DataIntegrityViolationException raced) {
                CaseFile winner = cases.findByExternalId(validated.externalId()).orElseThrow(() -> raced);
                log.info("Case with external id {} raced another intake of it: answering {}",
                        validated.externalId(), winner.getTrackingNumber());
                return earlier.apply(sameRequest(winner, validated, caller));
            } catch (PessimisticLockingFailureException waited) {
                // The other intake of this id holds its row's unique key and had not committed when the database
                // gave up waiting (H2's lock timeout; InnoDB waits longer). Its case answers, or a new attempt.
                Optional<CaseFile> winner = cases.findByExternalId(validated.externalId());
                if (winner.isPresent()) {
                    return earlier.apply(sameRequest(winner.get(), validated, caller));
                }
                if (attempt == LOCKED_ATTEMPTS) {
                    throw waited;
                }
                log.info("Case with external id {} waited in vain for another intake of it: attempt {}",
                        validated.externalId(), attempt + 1);
            }
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
        return Sha256.hex(text.toString());
    }
}
