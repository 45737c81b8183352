package org.gridcase.notify;

/** How a notification reaches its recipient: the recipient is an email address or a mobile number. */
public enum Channel {
    EMAIL,
    SMS
}
