-- The automations the product ships with (docs/DOMAIN.md), and the French message templates.
-- Templates know whether they are transactional (booking confirmations, reminders: sent at
-- once) or marketing (wait for the SMS window, must mention STOP); e-mails have a subject.
ALTER TABLE templates ADD COLUMN transactional INTEGER NOT NULL DEFAULT 0;
ALTER TABLE templates ADD COLUMN subject TEXT;

INSERT INTO rules(name, trigger, action, created_at) VALUES ('Pas de réponse : SMS A, relance J+2', 'outcome:no_answer', 'send_sms:templateA,create_task:2d,set_status:follow_up', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('Messagerie : SMS B, relance J+1', 'outcome:voicemail', 'send_sms:templateB,create_task:1d,set_status:follow_up', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('RDV pris : confirmation et .ics', 'outcome:booked', 'send_sms:confirmation,send_ics:lead,send_ics:agent,set_status:booked', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('Agent sans premier appel 24 h après livraison', 'time:no_first_call_24h', 'notify_operator:no_first_call', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('Lead inactif 7 jours : nurturing', 'time:idle_7d', 'set_status:nurture,schedule_ping:30d', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('Mauvais numéro : demander un nouveau numéro', 'outcome:bad_number', 'request_new_number:new_number_request', 0);
INSERT INTO rules(name, trigger, action, created_at) VALUES ('Rappels de rendez-vous (24 h et 2 h avant)', 'time:appointment_reminder', 'send_sms:reminder', 0);

INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('templateA', 'sms', 0, NULL, 'Bonjour {firstName}, nous avons essayé de vous joindre au sujet de votre projet immobilier à {city}. Quand pouvons-nous vous rappeler ? Lead CRM. Répondez STOP pour ne plus recevoir de SMS.', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('templateB', 'sms', 0, NULL, 'Bonjour {firstName}, nous vous avons laissé un message au sujet de la vente de votre bien à {city}. Rappelez-nous quand vous le souhaitez. Lead CRM. Répondez STOP pour ne plus recevoir de SMS.', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('confirmation', 'sms', 1, NULL, 'Bonjour {firstName}, votre rendez-vous d''estimation à {city} est confirmé le {date} à {time} avec {agentName}. Lead CRM', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('reminder', 'sms', 1, NULL, 'Rappel : rendez-vous d''estimation le {date} à {time} à {city} avec {agentName}. Lead CRM', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('nurture_ping', 'sms', 0, NULL, 'Bonjour {firstName}, où en est votre projet de vente à {city} ? Nous pouvons vous proposer une estimation gratuite. Lead CRM. Répondez STOP pour ne plus recevoir de SMS.', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('new_number_request', 'email', 0, 'Votre projet immobilier à {city} : un numéro à jour ?', 'Bonjour {firstName},

Nous n''arrivons pas à vous joindre au numéro indiqué pour votre projet à {city}. Pourriez-vous nous répondre avec un numéro à jour ?

Merci,
Lead CRM', 0);
INSERT INTO templates(name, channel, transactional, subject, body, updated_at) VALUES ('appointment_email', 'email', 1, 'Rendez-vous d''estimation le {date} à {time}', 'Bonjour {firstName},

Votre rendez-vous d''estimation à {city} est confirmé le {date} à {time} avec {agentName}. Vous trouverez l''invitation en pièce jointe.

Lead CRM', 0);
