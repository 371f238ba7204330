-- Schema version 4: the `settings` table of version 2 goes. Nothing ever read or wrote
-- it (the app's preferences live in the webview), so a table that looked like the
-- place for preferences only misled. A journal that holds rows in it loses them.

DROP TABLE settings;
