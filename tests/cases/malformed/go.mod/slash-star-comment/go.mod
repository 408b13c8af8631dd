module m /* c */
