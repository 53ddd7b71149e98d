-- Each group chooses its robot's channel: wecom (WeCom), dingtalk (DingTalk) or zhengding
-- (浙政钉, Zhejiang's government DingTalk). A DingTalk robot may sign its requests with a secret,
-- stored sealed with the data key like the other secrets; none for an unsigned or WeCom robot.
ALTER TABLE notification_webhooks ADD COLUMN channel TEXT NOT NULL DEFAULT 'wecom';
ALTER TABLE notification_webhooks ADD COLUMN secret TEXT;
