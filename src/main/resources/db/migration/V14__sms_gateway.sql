-- SMS gateway (notify/SmppSmsSender, notify/AliyunSmsSender). Runs unchanged on H2 and MySQL 8 / MariaDB.
-- gateway_ref:        the gateway's id(s) for a sent message: SMPP message ids of every part (comma-separated),
--                     Aliyun's BizId; shown to staff for tracing with the gateway operator.
-- template_params:    JSON object of the template's placeholder values as written into the text, kept for SMS only:
--                     template-based gateways (Aliyun) send a pre-approved template code plus these values.
-- attempt_started_at: set when a send attempt starts, cleared when its outcome is known (sent, refused, or surely
--                     not handed over). Still set at the next attempt: the earlier attempt's outcome is unknown
--                     (timed out, node died), and the sender must find out before sending again (no duplicates).
-- delivered_at:       when the gateway's delivery receipt said the message reached the handset (status DELIVERED).
alter table notification add column gateway_ref varchar(1000);
alter table notification add column template_params varchar(4000);
alter table notification add column attempt_started_at datetime(6);
alter table notification add column delivered_at datetime(6);

-- One row per SMPP part the gateway accepted (submit_sm_resp): the message id a delivery receipt names, and the
-- part it belongs to. A retry after a dropped connection sends only the parts without a row here.
create table sms_gateway_part (
    gateway_id      varchar(65)   not null,
    notification_id bigint        not null,
    part_no         int           not null,
    parts           int           not null,
    receipt         varchar(16),
    constraint pk_sms_gateway_part primary key (gateway_id),
    constraint uk_sms_gateway_part unique (notification_id, part_no),
    constraint fk_sms_gateway_part_notification foreign key (notification_id) references notification (id)
) ${table_options};
