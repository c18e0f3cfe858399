DROP TABLE reminder_scans;
DROP TABLE reminders_sent;
DROP TABLE unsubscribe_tokens;
DROP TABLE notification_settings;
