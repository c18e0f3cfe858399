DROP TABLE section_comments;
