BBBB BBBBBBBB BBBB
XXXXXXXX XXXXXXXXXXXXXX
         XXXXXXXXXXX
         XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX
        X 
        BB BBBBBBBBBBBBBBBBBB BB BBB BBBBXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXBBBBB
    XXXXX
    XX XXXXXXXXXXXXX
         ngettext(u'Besvarad i %(answered)s av %(total)s svar.', u'Besvarad i %(answered)s av %(total)s svar.', count) 
            SSSSSSSS S SSSSSSSSSSSS SS SSSSSSSSS SSSSS
        
            PPPPPPPP P PPPPPPPPPPPP PP PPPPPPPPP PPPPP
        
        BB BBBBBBBBBBBBBBBBBBB BBB BBB BBBBBBBBB BBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBB BBBB
             gettext(u'%(year)s: %(rate)s.') 
                SSSSSSSSS SSSSSSSSS
            
        BBBBB
    XXXX
    BB BBBBBBBBBBBBBBB
        XX XXXXXXXXXXXXXXXXXXXXX
             gettext(u'Medelvärde <strong>%(mean)s</strong> på skalan 1–%(high)s.') 
                SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSSSSS SS SSSSSS SSSSSSSSSSS
            
            BB BBBBBBBBBBBBBBBBBBBB BB BBB BBBB BBB BBB BBBBBBBBB
                 gettext(u'%(year)s: %(mean)s.') 
                    SSSSSSSSS SSSSSSSSS
                
            BBBBB
        XXXX
    BBBBB
    BB BBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
            BB BBBBBXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXBBBBB
            XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
                BB BBBBBBBBB BBB BBBBBBBBBBBBB
                    BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                BBBB
                    XXXXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX
                        XXXXXXXXX
                             gettext(u'Svar på fråga %(number)s') 
                                SSSS SS SSSSS SSSSSSSSSS
                            
                        XXXXXXXXXX
                        XXXXXXX
                            XXXX
                                XXX XXXXXXXXXXXX
                                    BB BBBBBBBBBBBBBBB
                                         gettext(u'Värde på skalan') 
                                    BBBB
                                         gettext(u'Svarsalternativ') 
                                    BBBBB
                                XXXXX
                                XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Antal') XXXXX
                                XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Andel') XXXXX
                                BB BBBBBBBBBBBBBBBBBBB
                                    XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX
                                         gettext(u'Andel %(year)s') 
                                            SSSSS SSSSSSSS
                                        
                                    XXXXX
                                BBBBB
                            XXXXX
                        XXXXXXXX
                        XXXXXXX
                            BBB BBB BB BBBBBBBBBBB
                                XXXX
                                    XXX XXXXXXXXXXXXXXXXX
                                    XXX XXXXXXXXXXXXXXXXFFFFFFFFXXXXX
                                    XXX XXXXXXXXXXXXXXXXXXXXX
                                    BB BBBBBBBBBBBBBBBBBBB
                                        XXX XXXXXXXXXXXXXXXX
                                            BB BBBBBBBBBBBBBBBB
                                                FFFFFFFFFFF
                                            BBBB
                                                XXXXX XXXXXXXXXXXXX gettext(u'ny') XXXXXXX
                                            BBBBB
                                        XXXXX
                                    BBBBB
                                XXXXX
                            BBBBBB
                        XXXXXXXX
                    XXXXXXXX
                BBBBB
            XXXXXX
        XXXXXX
    BBBB BBBBBBBBBBBBBB BBB BBBBBBBBB BBB BBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXXBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXXXXXX
    BBBBB
    BB BBBBBBBBBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBB
        BB BBBBBBBBBBBBBBBBB
            XX XXXXXXXXXXXXXXXXXXXXXXXXXXX
                XX XXXXXXBB BBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBXX
                     ngettext(u'Alla %(number)s svar på frågan', u'Alla %(number)s svar på frågan', count) 
                        SSSS SSSSSSSSSS SSSS SS SSSSSS
                    
                        PPPP PPPPPPPPPP PPPP PP PPPPPP
                    
                XXXX
            XXXX
        BBBBB
    BBBBB
XXXXXXXXXX
