package org.gridcase.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommand;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.Registry;
import org.gridcase.support.ConflictException;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PayloadTooLargeException;
import org.gridcase.support.Sha256;
import org.gridcase.support.UnsupportedContentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos and documents on a case of any kind (附件), the attachment feature's one service. Who may: {@link CaseAccess}
 * — reading with {@link CaseCommand#READ} (a case outside the caller's scope is 404, its attachments too), uploading
 * with {@link CaseCommand#ATTACH}. What is stored: see {@link ContentInspector}. Every upload appends 上传附件 to the
 * case's timeline, in the transaction that stores it; the image work is done before that transaction begins.
 */
@Service
public class Attachments {

    /** The longest note staff may give an attachment. */
    public static final int NOTE_LENGTH = CaseAttachment.NOTE_LENGTH;

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    private final CaseAccess access;
    private final Cases cases;
    private final CaseAttachments attachments;
    private final AttachmentContents contents;
    private final ContentInspector inspector;
    private final AttachmentProperties properties;
    private final TransactionTemplate transactions;
    private final Registry registry;

    Attachments(CaseAccess access, Cases cases, CaseAttachments attachments, AttachmentContents contents,
            ContentInspector inspector, AttachmentProperties properties, PlatformTransactionManager transactionManager,
            Registry registry) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.registry = registry;
        this.access = access;
        this.cases = cases;
        this.attachments = attachments;
        this.contents = contents;
        this.inspector = inspector;
        this.properties = properties;
    }

    /**
     * Stores a file on the case: {@code content} null or empty is a 400 naming {@code file}; a finished case a 400
     * naming {@code trackingNumber}; beyond {@code max-bytes} or {@code max-pixels} a 413; not a JPEG, PNG or PDF by
     * its content a 415; a case with {@code max-per-case} attachments a 409.
     */
    public AttachmentView upload(CaseAccess.Caller caller, String trackingNumber, String fileName,
            InputStreamSource content, String note) {
        CaseFile file = openCase(caller, trackingNumber);
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > NOTE_LENGTH) {
            throw InvalidInputException.of("note", "附件说明最长 " + NOTE_LENGTH + " 字");
        }
        byte[] upload = read(content);
        roomLeft(file);
        // decoded and re-encoded outside any transaction: no database connection waits for the pixels
        ContentInspector.Inspected inspected = inspector.inspect(upload);
        String name = safeName(fileName, inspected.type());
        CaseAttachment attachment = transactions.execute(status -> {
            // asked again where it is written: the case may have ended, or filled up, meanwhile
            CaseFile current = openCase(caller, trackingNumber);
            roomLeft(current);
            CaseAttachment saved = attachments.save(new CaseAttachment(current.getId(), name, inspected.type(),
                    inspected.content().length, inspected.width(), inspected.height(), cleanNote, caller.login(),
                    Cases.now(), inspected.lat(), inspected.lng(), sha256(inspected.content())));
            contents.save(new AttachmentContent(saved.getId(), inspected.content(), inspected.thumbnail()));
            cases.record(trackingNumber, caller.login(), CaseEventType.ATTACHED, name);
            return saved;
        });
        // no file name, note or position in the log: they may name or locate a person
        log.info("Attachment {} stored on case {} by {}: {}, {} bytes uploaded, {} stored, location {}",
                attachment.getId(), trackingNumber, caller.login(), inspected.type(), upload.length,
                inspected.content().length, attachment.isLocationFound() ? "found" : "none");
        return view(attachment);
    }

    /** A photo that passed every content check and is ready to store: see {@link #checkPhotos}. */
    public static final class CheckedPhoto {
        private final String fileName;
        private final ContentInspector.Inspected inspected;

        private CheckedPhoto(String fileName, ContentInspector.Inspected inspected) {
            this.fileName = fileName;
            this.inspected = inspected;
        }

        /** Where the photo was taken, from its EXIF data (before it was stripped), or null. */
        public Double lat() {
            return inspected.lat();
        }

        public Double lng() {
            return inspected.lng();
        }
    }

    /**
     * Checks a resident's photos (the public report page) before anything is written: each must be a JPEG or PNG by
     * its content, within {@code max-bytes} and {@code max-pixels}; the error names {@code field} with the photo's
     * position ({@code photos[1]}). Decoded, re-encoded without metadata, outside any transaction.
     */
    public List<CheckedPhoto> checkPhotos(String field, List<? extends InputStreamSource> photos, List<String> names) {
        List<CheckedPhoto> checked = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            String name = field + "[" + i + "]";
            byte[] upload;
            ContentInspector.Inspected inspected;
            try {
                upload = read(photos.get(i));
                inspected = inspector.inspect(upload);
            } catch (InvalidInputException | UnsupportedContentException
                    | PayloadTooLargeException e) {
                throw relabel(e, name);
            }
            if (!inspected.type().image()) {
                throw new UnsupportedContentException(name, "只能上传 JPEG 或 PNG 照片");
            }
            checked.add(new CheckedPhoto(safeName(names.get(i), inspected.type()), inspected));
        }
        return checked;
    }

    /**
     * Stores checked photos on a case the caller has just registered, in the caller's transaction (the case and its
     * photos are written together or not at all); {@code actor} goes on the timeline.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void attachReported(String trackingNumber, String actor, List<CheckedPhoto> photos) {
        CaseFile file = cases.find(trackingNumber).orElseThrow(() -> new NotFoundException("案件 " + trackingNumber
                + " 不存在"));
        for (CheckedPhoto photo : photos) {
            ContentInspector.Inspected inspected = photo.inspected;
            CaseAttachment saved = attachments.save(new CaseAttachment(file.getId(), photo.fileName, inspected.type(),
                    inspected.content().length, inspected.width(), inspected.height(), null, actor, Cases.now(),
                    inspected.lat(), inspected.lng(), sha256(inspected.content())));
            contents.save(new AttachmentContent(saved.getId(), inspected.content(), inspected.thumbnail()));
            cases.record(trackingNumber, actor, CaseEventType.ATTACHED, photo.fileName);
        }
        log.info("{} reported photo(s) stored on case {}", photos.size(), trackingNumber);
    }

    private static RuntimeException relabel(RuntimeException e, String field) {
        if (e instanceof UnsupportedContentException) {
            return new UnsupportedContentException(field, e.getMessage());
        }
        if (e instanceof PayloadTooLargeException) {
            return new PayloadTooLargeException(field, e.getMessage());
        }
        return InvalidInputException.of(field, e.getMessage());
    }

    /** The case, if the caller may attach to it and it has not ended. */
    private CaseFile openCase(CaseAccess.Caller caller, String trackingNumber) {
        CaseFile file = access.require(caller, CaseCommand.ATTACH, trackingNumber);
        if (file.getStatus().finished()) {
            throw InvalidInputException.of("trackingNumber",
                    "案件已结束（" + file.getStatus().label() + "），不能再上传附件");
        }
        return file;
    }

    private void roomLeft(CaseFile file) {
        if (attachments.countByCaseId(file.getId()) >= properties.maxPerCase()) {
            throw new ConflictException("file", "本案件的附件已达上限（" + properties.maxPerCase() + " 个）");
        }
    }

    /** The case's attachments, oldest first: metadata only. */
    @Transactional(readOnly = true)
    public List<AttachmentView> list(CaseAccess.Caller caller, String trackingNumber) {
        CaseFile file = access.require(caller, CaseCommand.READ, trackingNumber);
        return attachments.findByCaseIdOrderByIdAsc(file.getId()).stream().map(this::view).toList();
    }

    /** The stored file (an image without its metadata). */
    @Transactional(readOnly = true)
    public StoredFile file(CaseAccess.Caller caller, String trackingNumber, long id) {
        CaseAttachment attachment = attachment(caller, trackingNumber, id);
        return new StoredFile(attachment.getFileName(), attachment.getType().mediaType(),
                attachment.getType().image(), content(attachment).getContent());
    }

    /** An image's thumbnail, its longer side at most {@code thumbnail-pixels}; a document has none (404). */
    @Transactional(readOnly = true)
    public StoredFile thumbnail(CaseAccess.Caller caller, String trackingNumber, long id) {
        CaseAttachment attachment = attachment(caller, trackingNumber, id);
        byte[] thumbnail = attachment.getType().image() ? content(attachment).getThumbnail() : null;
        if (thumbnail == null) {
            throw new NotFoundException("附件 " + id + " 不是图片，没有缩略图");
        }
        return new StoredFile("缩略图-" + attachment.getFileName(), attachment.getType().mediaType(), true, thumbnail);
    }

    private CaseAttachment attachment(CaseAccess.Caller caller, String trackingNumber, long id) {
        CaseFile file = access.require(caller, CaseCommand.READ, trackingNumber);
        return attachments.findByIdAndCaseId(id, file.getId())
                .orElseThrow(() -> new NotFoundException("案件 " + trackingNumber + " 没有附件 " + id));
    }

    private AttachmentContent content(CaseAttachment attachment) {
        return contents.findById(attachment.getId())
                .orElseThrow(() -> new IllegalStateException("Attachment " + attachment.getId() + " has no content"));
    }

    /** At most {@code max-bytes} of the upload, counted as read (not as declared). */
    private byte[] read(InputStreamSource content) {
        long max = properties.maxBytes().toBytes();
        byte[] bytes;
        try {
            if (content == null) {
                throw InvalidInputException.of("file", "请选择要上传的文件（表单字段 file）");
            }
            try (InputStream in = content.getInputStream()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("file", "上传的文件是空的");
        }
        if (bytes.length > max) {
            throw new PayloadTooLargeException("file", "文件过大，最大 " + max / 1024 + " KB");
        }
        return bytes;
    }

    /**
     * The name the file is stored and served under: the last segment of what the client sent, letters, digits and
     * {@code -_.()} only (anything else becomes {@code _}), with the extension of its real type.
     */
    static String safeName(String original, AttachmentType type) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(c -> clean.appendCodePoint(
                Character.isLetterOrDigit(c) || "-_.() （）".indexOf(c) >= 0 ? c : '_'));
        String base = clean.toString().strip();
        int dot = base.lastIndexOf('.');
        if (dot >= 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("^[.\\s]+", "").strip();
        if (base.isEmpty()) {
            base = "附件";
        }
        int room = CaseAttachment.FILE_NAME_LENGTH - 1 - type.extension().length();
        if (base.length() > room) {
            int end = Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room;
            base = base.substring(0, end);
        }
        return base + "." + type.extension();
    }

    private static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /** The uploader by name as well: staff read names, not logins. */
    private AttachmentView view(CaseAttachment attachment) {
        String login = attachment.getUploadedBy();
        String name = login == null ? null : registry.person(login).map(Registry.StaffRef::name).orElse(login);
        return AttachmentView.of(attachment, name);
    }
}
